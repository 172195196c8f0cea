from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    name = "huis.glossary"
    label = "glossary"
    verbose_name = _("Easy words")

    def ready(self) -> None:
        from huis.core.registry import DashboardLink, register_dashboard_link
        from huis.core.versioned_cache import watch

        from . import demo, permissions  # noqa: F401  (rules and the demo part)
        from .models import Word
        from .selectors import SCOPE

        # Every page may explain a word: a change shows on the very next view, cached pages too.
        watch(Word, scopes=(SCOPE,))
        register_dashboard_link(
            DashboardLink(
                section=_("The house"),
                title=_("Easy words"),
                url_name="glossary:manage",
                description=_(
                    "The house's own words and their short explanation. Public pages explain "
                    "a word where it first appears."
                ),
                perm="glossary.edit_terms",
                order=20,
            )
        )
