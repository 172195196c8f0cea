"""Reads of rooms and their bookings, always for an acting user.

The calendar shows every booking of the house's rooms; what it says about one depends on who
looks: the house's people see what and who, a partner sees its own organisation's bookings, and
everyone else (other partners, visitors, the public) only that the room is in use.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import QuerySet
from django.utils import timezone

from huis.accounts.access import is_house, organisation_ids

from .models import PartnerBooking, Room, RoomBooking


@dataclass(frozen=True)
class CalendarEntry:
    start: dt.datetime
    end: dt.datetime
    label: str  # "" when the viewer may only know that the room is in use
    pending: bool = False


@dataclass
class CalendarRow:
    room: Room
    cells: list[list[CalendarEntry]] = field(default_factory=list)


@dataclass
class Calendar:
    days: list[dt.date]
    rows: list[CalendarRow]
    shows_details: bool


def calendar_for(*, user: Any, first_day: dt.date, days: int) -> Calendar:
    """The active rooms by day, for `days` days from `first_day`: three queries at any size."""
    day_list = [first_day + dt.timedelta(days=n) for n in range(days)]
    start = timezone.make_aware(dt.datetime.combine(first_day, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(day_list[-1] + dt.timedelta(days=1), dt.time.min))
    rooms = list(Room.objects.filter(is_active=True).order_by("name"))
    bookings = list(
        RoomBooking.objects.filter(
            room__is_active=True, period__overlap=DateTimeTZRange(start, end, "[)")
        ).order_by("period")
    )
    partner_type = ContentType.objects.get_for_model(PartnerBooking)  # cached by Django
    partner_ids = [b.holder_id for b in bookings if b.holder_type_id == partner_type.pk]
    partners = {
        p.pk: p
        for p in PartnerBooking.objects.filter(pk__in=partner_ids).only(
            "pk", "organisation_id", "status"
        )
    }
    house = bool(is_house(user))
    own = organisation_ids(user)
    rows = {room.pk: CalendarRow(room=room, cells=[[] for _ in day_list]) for room in rooms}
    for booking in bookings:
        partner = (
            partners.get(booking.holder_id) if booking.holder_type_id == partner_type.pk else None
        )
        sees = house or (partner is not None and partner.organisation_id in own)
        entry = CalendarEntry(
            start=timezone.localtime(booking.start),
            end=timezone.localtime(booking.end),
            label=booking.label if sees else "",
            pending=bool(sees and partner and partner.status == PartnerBooking.Status.PENDING),
        )
        for index, day in enumerate(day_list):
            if entry.start.date() <= day <= (entry.end - dt.timedelta(microseconds=1)).date():
                rows[booking.room_id].cells[index].append(entry)
    return Calendar(days=day_list, rows=list(rows.values()), shows_details=house)


def bookable_rooms() -> QuerySet[Room]:
    return Room.objects.filter(is_active=True, partner_bookable=True).order_by("name")


def partner_bookings_for(*, user: Any) -> QuerySet[PartnerBooking]:
    """The bookings `user` may see: the house's people all, a partner its own organisations'."""
    queryset = PartnerBooking.objects.select_related("room", "organisation", "requested_by")
    if is_house(user):
        return queryset
    return queryset.filter(organisation_id__in=organisation_ids(user))


def own_bookings(*, user: Any) -> list[PartnerBooking]:
    """The user's organisations' bookings from today on (the house's own included none)."""
    since = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    return list(
        PartnerBooking.objects.select_related("room", "organisation", "requested_by")
        .filter(organisation_id__in=organisation_ids(user), ends_at__gte=since)
        .order_by("starts_at", "pk")
    )


def pending_requests(*, user: Any) -> list[PartnerBooking]:
    if not is_house(user):
        return []
    return list(
        PartnerBooking.objects.select_related("room", "organisation", "requested_by")
        .filter(status=PartnerBooking.Status.PENDING)
        .order_by("starts_at", "pk")
    )


def coming_partner_bookings(*, user: Any, limit: int = 50) -> list[PartnerBooking]:
    if not is_house(user):
        return []
    return list(
        PartnerBooking.objects.select_related("room", "organisation", "requested_by")
        .filter(status=PartnerBooking.Status.APPROVED, ends_at__gte=timezone.now())
        .order_by("starts_at", "pk")[:limit]
    )


def pending_count() -> int:
    return PartnerBooking.objects.filter(status=PartnerBooking.Status.PENDING).count()


def rooms_for_staff() -> list[Room]:
    return list(Room.objects.order_by("name"))


def room_choices() -> QuerySet[Room]:
    """Rooms another function can book (intervision, committee meetings)."""
    return Room.objects.filter(is_active=True).order_by("name")
