from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoomsConfig(AppConfig):
    name = "huis.rooms"
    label = "rooms"
    verbose_name = _("Rooms")

    def ready(self) -> None:
        from huis.core.registry import (
            DashboardLink,
            PersonalDataProvider,
            register_dashboard_link,
            register_personal_data,
        )

        register_personal_data(
            PersonalDataProvider(
                name="rooms",
                label=_("Room bookings for your organisation"),
                export=_export_bookings,
                erase=_erase_bookings,
            )
        )

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


def _export_bookings(user) -> dict:
    """The rooms a person booked for their organisation (the booking stays the organisation's)."""
    from .models import PartnerBooking

    bookings = PartnerBooking.objects.filter(requested_by=user).select_related(
        "room", "organisation"
    )
    return {
        "room_bookings": [
            {
                "room": booking.room.name,
                "organisation": booking.organisation.name,
                "starts_at": booking.starts_at.isoformat(),
                "ends_at": booking.ends_at.isoformat(),
                "purpose": booking.purpose,
                "status": booking.status,
            }
            for booking in bookings.order_by("starts_at")
        ]
    }


def _erase_bookings(user) -> None:
    """The organisation keeps its bookings; who asked for them or decided on them goes."""
    from .models import PartnerBooking

    PartnerBooking.objects.filter(requested_by=user).update(requested_by=None)
    PartnerBooking.objects.filter(decided_by=user).update(decided_by=None)
