from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HerstelacademieConfig(AppConfig):
    name = "herstelacademie"
    verbose_name = _("Recovery College")

    def ready(self) -> None:
        from huis.core.registry import DashboardLink, register_dashboard_link

        register_dashboard_link(
            DashboardLink(
                section=_("Recovery College"),
                title=_("Recovery College"),
                url_name="herstelacademie:home",
                description=_("Terms, courses, enrolments and attendance."),
                perm="herstelacademie.view_home",
                order=20,
            )
        )
