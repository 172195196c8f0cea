from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OntmoetingConfig(AppConfig):
    name = "ontmoeting"
    verbose_name = _("Meeting")

    def ready(self) -> None:
        from huis.core.registry import DashboardLink, register_dashboard_link

        register_dashboard_link(
            DashboardLink(
                section=_("Meeting"),
                title=_("Programme and open house"),
                url_name="ontmoeting:home",
                description=_("Activities, sign-ups and walk-in figures."),
                perm="ontmoeting.view_home",
                order=10,
            )
        )
