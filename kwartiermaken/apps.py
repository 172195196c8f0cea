from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KwartiermakenConfig(AppConfig):
    name = "kwartiermaken"
    verbose_name = _("Neighbourhood work")

    def ready(self) -> None:
        from huis.core.registry import DashboardLink, register_dashboard_link

        register_dashboard_link(
            DashboardLink(
                section=_("Neighbourhood work"),
                title=_("Neighbourhood work"),
                url_name="kwartiermaken:home",
                description=_("Outreach, signals and policy recommendations."),
                perm="kwartiermaken.view_home",
                order=50,
            )
        )
