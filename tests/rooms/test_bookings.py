"""A room is never booked twice for overlapping times; the form is told which booking clashes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone, translation

from huis.rooms.models import RoomBooking
from huis.rooms.services import RoomClash, RoomError, booking_release, booking_set
from tests.factories import OrganisationFactory, RoomFactory

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=BRUSSELS)


def test_overlapping_booking_is_refused_and_names_the_clash():
    room = RoomFactory(name="Atelier")
    holder_1, holder_2 = OrganisationFactory(), OrganisationFactory()
    booking_set(holder=holder_1, room=room, start=at(3, 14), end=at(3, 16), label="Schilderen")
    with translation.override("nl"), pytest.raises(RoomClash) as caught:
        booking_set(holder=holder_2, room=room, start=at(3, 15), end=at(3, 17), label="Klei")
    message = str(caught.value)
    assert "Atelier" in message and "Schilderen" in message
    assert "3 december 2026" in message and "14:00" in message and "16:00" in message
    assert RoomBooking.objects.count() == 1


def test_back_to_back_bookings_and_other_rooms_are_fine():
    room, other_room = RoomFactory(), RoomFactory()
    first, second, third = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    booking_set(holder=first, room=room, start=at(3, 14), end=at(3, 16), label="A")
    booking_set(holder=second, room=room, start=at(3, 16), end=at(3, 18), label="B")
    booking_set(holder=third, room=other_room, start=at(3, 14), end=at(3, 16), label="C")
    assert RoomBooking.objects.count() == 3


def test_moving_a_booking_does_not_clash_with_itself():
    room = RoomFactory()
    holder = OrganisationFactory()
    booking_set(holder=holder, room=room, start=at(3, 14), end=at(3, 16), label="A")
    booking = booking_set(holder=holder, room=room, start=at(3, 15), end=at(3, 17), label="A")
    assert RoomBooking.objects.get() == booking
    assert booking.start == at(3, 15)


def test_the_database_itself_refuses_an_overlap():
    room = RoomFactory()
    RoomBooking.objects.create(room=room, period=DateTimeTZRange(at(3, 14), at(3, 16)), label="A")
    with pytest.raises(IntegrityError), transaction.atomic():
        RoomBooking.objects.create(
            room=room, period=DateTimeTZRange(at(3, 15), at(3, 17)), label="B"
        )


def test_end_before_start_is_refused_with_a_message():
    with translation.override("nl"), pytest.raises(RoomError, match="einde"):
        booking_set(
            holder=OrganisationFactory(),
            room=RoomFactory(),
            start=at(3, 16),
            end=at(3, 14),
            label="A",
        )


def test_release_frees_the_room():
    room = RoomFactory()
    holder, other = OrganisationFactory(), OrganisationFactory()
    booking_set(holder=holder, room=room, start=at(3, 14), end=at(3, 16), label="A")
    booking_release(holder=holder)
    booking_set(holder=other, room=room, start=at(3, 14), end=at(3, 16), label="B")
    assert RoomBooking.objects.get().label == "B"


def test_bookings_across_the_daylight_saving_change_keep_their_real_length():
    # 25 October 2026: clocks go back at 03:00 in Brussels; 01:30-03:30 local lasts three hours.
    room = RoomFactory()
    start = dt.datetime(2026, 10, 25, 1, 30, tzinfo=BRUSSELS)
    end = dt.datetime(2026, 10, 25, 3, 30, tzinfo=BRUSSELS)
    booking = booking_set(holder=OrganisationFactory(), room=room, start=start, end=end, label="N")
    booking.refresh_from_db()
    # Subtract in UTC: Python subtracts wall-clock times when both share a tzinfo.
    assert booking.end.astimezone(dt.UTC) - booking.start.astimezone(dt.UTC) == dt.timedelta(
        hours=3
    )
    assert timezone.localtime(booking.end).hour == 3
