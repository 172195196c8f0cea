"""Helpers for vrijwilligers' tests: volunteers with accounts, shifts through the service."""

import datetime as dt
import itertools

from django.utils import timezone

from huis.accounts.roles import Role
from tests.factories import UserFactory
from vrijwilligers import services
from vrijwilligers.models import Shift, Volunteer

_counter = itertools.count()


def volunteer(name: str | None = None, *, tasks=("reception",), **fields) -> Volunteer:
    user = UserFactory(
        display_name=name or f"Vrijwilliger {next(_counter)}", roles=[Role.VOLUNTEER]
    )
    return Volunteer.objects.create(
        user=user, tasks=list(tasks), started_on=dt.date(2025, 1, 1), **fields
    )


def at(days: int = 2, hour: int = 9) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def shift(
    actor, *, days: int = 2, hour: int = 9, needed: int = 2, title="Onthaal", tasks=("reception",)
) -> Shift:
    return services.shift_create(
        data=services.ShiftData(
            title=title,
            kind="reception",
            starts_at=at(days, hour),
            ends_at=at(days, hour + 3),
            needed=needed,
            tasks=list(tasks),
            place="Onthaal",
        ),
        actor=actor,
    )


def move_to_past(s: Shift, *, day: dt.date, hour: int = 9) -> Shift:
    """Shifts are planned in the future; hours are written afterwards. Move it back in time."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    Shift.objects.filter(pk=s.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=3))
    s.refresh_from_db()
    return s
