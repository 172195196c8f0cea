from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ErvaringsdeskundigenConfig(AppConfig):
    name = "ervaringsdeskundigen"
    verbose_name = _("Experts by experience")

    def ready(self) -> None:
        from huis.core.registry import DashboardLink, register_dashboard_link

        register_dashboard_link(
            DashboardLink(
                section=_("Experts by experience"),
                title=_("Experts by experience"),
                url_name="ervaringsdeskundigen:home",
                description=_("Requests from organisations, matching and scheduling."),
                perm="ervaringsdeskundigen.view_home",
                order=30,
            )
        )
