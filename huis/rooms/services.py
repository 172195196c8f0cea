"""Booking rooms. Activities, course sessions, intervision, committee meetings and partners'
bookings call these; nobody writes RoomBooking directly."""

from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from huis.core.errors import DomainError

from .models import Room, RoomBooking


class RoomError(DomainError):
    """A booking that cannot be made, with a message for the person who tried."""


class RoomClash(RoomError):
    """The booking in the way, named in words. `detailed=False` says only that the room is in
    use then (for a partner, who may not learn what another organisation booked)."""

    def __init__(self, clash: RoomBooking | None, *, detailed: bool = True):
        self.clash = clash
        if clash is None:
            message = _("This room was booked by someone else at the same moment. Try again.")
        elif not detailed:
            start = timezone.localtime(clash.start)
            end = timezone.localtime(clash.end)
            message = _("%(room)s is already in use on %(day)s from %(start)s to %(end)s.") % {
                "room": clash.room.name,
                "day": formats.date_format(start, "DATE_FORMAT"),
                "start": formats.time_format(start, "TIME_FORMAT"),
                "end": formats.time_format(end, "TIME_FORMAT"),
            }
        else:
            start = timezone.localtime(clash.start)
            end = timezone.localtime(clash.end)
            message = _(
                "%(room)s is already booked for “%(label)s” on %(day)s from %(start)s to %(end)s."
            ) % {
                "room": clash.room.name,
                "label": clash.label,
                "day": formats.date_format(start, "DATE_FORMAT"),
                "start": formats.time_format(start, "TIME_FORMAT"),
                "end": formats.time_format(end, "TIME_FORMAT"),
            }
        super().__init__(message)


def _check_period(start: datetime, end: datetime) -> DateTimeTZRange:
    if timezone.is_naive(start) or timezone.is_naive(end):
        raise ValueError("Room bookings need aware datetimes.")
    if end <= start:
        raise RoomError(_("The end must be after the start."))
    return DateTimeTZRange(start, end, "[)")


def find_clash(
    *, room: Room, start: datetime, end: datetime, exclude: RoomBooking | None = None
) -> RoomBooking | None:
    qs = RoomBooking.objects.select_related("room").filter(
        room=room, period__overlap=_check_period(start, end)
    )
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("period").first()


def booking_set(
    *,
    holder: models.Model,
    room: Room | None,
    start: datetime,
    end: datetime,
    label: str,
) -> RoomBooking | None:
    """Book `room` for `holder` (or move its booking); with no room, release any booking.

    Raises RoomClash naming the booking in the way. The database's exclusion constraint is the
    final guard: two people booking at the same moment cannot both succeed.
    """
    holder_type = ContentType.objects.get_for_model(holder)
    existing = RoomBooking.objects.filter(holder_type=holder_type, holder_id=holder.pk).first()
    if room is None:
        if existing:
            existing.delete()
        return None
    period = _check_period(start, end)
    clash = find_clash(room=room, start=start, end=end, exclude=existing)
    if clash:
        raise RoomClash(clash)
    booking = existing or RoomBooking(holder_type=holder_type, holder_id=holder.pk)
    booking.room = room
    booking.period = period
    booking.label = label[:200]
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as exc:
        if "room_booking_no_overlap" in str(exc):
            raise RoomClash(find_clash(room=room, start=start, end=end, exclude=existing)) from exc
        raise
    return booking


def booking_release(*, holder: models.Model) -> None:
    RoomBooking.objects.filter(
        holder_type=ContentType.objects.get_for_model(holder), holder_id=holder.pk
    ).delete()
