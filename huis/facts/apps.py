from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FactsConfig(AppConfig):
    name = "huis.facts"
    label = "facts"
    verbose_name = _("The house's facts")

    def ready(self) -> None:
        from huis.core.registry import TranslationEditor, register_translation_editor

        register_translation_editor(
            TranslationEditor(model="facts.HouseFacts", url_name="facts:edit")
        )
        from django.utils import timezone

        from huis.core.registry import DashboardLink, register_dashboard_link
        from huis.core.versioned_cache import read_with_pages, watch

        from . import demo, permissions  # noqa: F401  (rules and the demo part)
        from .models import Closure, HouseFacts, OpeningPeriod
        from .selectors import FACTS, SCOPE

        # Every page shows the facts in its footer: a change shows on the very next view, and
        # a logged-in page reads them in the same round trip as the person.
        watch(HouseFacts, OpeningPeriod, Closure, scopes=(SCOPE,))
        read_with_pages(FACTS, lambda: (timezone.localdate(),))
        register_dashboard_link(
            DashboardLink(
                section=_("The house"),
                title=_("Address, opening hours and closures"),
                url_name="facts:edit",
                description=_(
                    "The house's address, route, phone, email, opening hours, closed days and "
                    "welcome text, as visitors see them."
                ),
                perm="facts.edit_facts",
                order=10,
            )
        )
