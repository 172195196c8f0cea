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
        register_dashboard_link(
            DashboardLink(
                section=_("The house"),
                title=_("Text messages"),
                url_name="notifications:text_messages",
                description=_("Text messages sent per month, the budget, and what was delivered."),
                perm="notifications.view_failed",
                order=91,
                status=_text_message_status,
            )
        )


def _text_message_status(user) -> str:
    from django.utils.translation import gettext, ngettext

    from .sms import budget_state

    budget = budget_state()
    if not budget.budget:
        return ngettext(
            "%(sent)d text message this month.", "%(sent)d text messages this month.", budget.sent
        ) % {"sent": budget.sent}
    text = gettext("%(sent)d of %(budget)d text messages this month (%(percent)d %%).") % {
        "sent": budget.sent,
        "budget": budget.budget,
        "percent": budget.percent,
    }
    if budget.reached:
        return text + " " + gettext("Budget reached: no more reminders by text message this month.")
    if budget.warning:
        return (
            text + " " + gettext("Warning: %(percent)d %% of the budget is used.") % {"percent": 80}
        )
    return text
