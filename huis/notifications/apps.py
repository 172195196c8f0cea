from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "huis.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from huis.core.registry import DashboardLink, register_dashboard_link

        from . import privacy

        privacy.register()

        register_dashboard_link(
            DashboardLink(
                section=_("The house"),
                title=_("Messages that could not be sent"),
                url_name="notifications:failed",
                description=_("Emails and text messages that failed after every try."),
                perm="notifications.view_failed",
                order=90,
            )
        )
