from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomsConfig(AppConfig):
    name = "huis.rooms"
    label = "rooms"
    verbose_name = _("Rooms")

    def ready(self) -> None:
        from huis.core.registry import DashboardLink, register_dashboard_link

        for link in [
            DashboardLink(
                section=_("The house"),
                title=_("Room calendar"),
                url_name="rooms:calendar",
                description=_("What is in each room, by day and by week."),
                perm="rooms.manage_rooms",
                order=80,
            ),
            DashboardLink(
                section=_("The house"),
                title=_("Partners' room requests"),
                url_name="rooms:requests",
                description=_("Approve or refuse partners' bookings; the rules per room."),
                perm="rooms.manage_rooms",
                order=81,
                status=_pending_status,
            ),
        ]:
            register_dashboard_link(link)


def _pending_status(user) -> str:
    from django.utils.translation import ngettext

    from .selectors import pending_count

    count = pending_count()
    if not count:
        return ""
    return ngettext(
        "%(count)d request waits for approval.", "%(count)d requests wait for approval.", count
    ) % {"count": count}
