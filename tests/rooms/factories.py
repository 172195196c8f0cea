"""Rooms with partners' rules, and moments inside them, for the rooms' tests."""

import datetime as dt

from django.utils import timezone

from huis.rooms.models import Room
from tests.factories import RoomFactory


def bookable_room(**rules) -> Room:
    defaults = {
        "partner_bookable": True,
        "opens_at": dt.time(9, 0),
        "closes_at": dt.time(21, 0),
        "days_ahead": 60,
        "needs_approval": False,
    }
    return RoomFactory(**{**defaults, **rules})


def moment(days: int, hour: int, minute: int = 0) -> dt.datetime:
    """A local time `days` from today, in the house's time zone."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))
