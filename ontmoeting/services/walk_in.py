"""Walk-in: how many people dropped in during the house's opening hours (no names)."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.facts.selectors import house_facts

from ..models import Activity, WalkInTally
from .errors import ActivityError


@transaction.atomic
def walk_in_record(
    *,
    date: dt.date,
    opens_at: dt.time,
    closes_at: dt.time,
    count: int,
    actor: Any,
    note: str = "",
) -> WalkInTally:
    """How many people dropped in during one open session, one of the house's opening periods
    on `date` (replaces an earlier count)."""
    if count < 0:
        raise ActivityError(_("The number cannot be below zero."))
    if date > timezone.localdate():
        raise ActivityError(_("You can only count a day that has begun."))
    if not house_facts().has_period(date.weekday(), opens_at, closes_at):
        raise ActivityError(_("The house is not open at these hours on that day."))
    tally, created = WalkInTally.objects.update_or_create(
        date=date,
        opens_at=opens_at,
        defaults={
            "closes_at": closes_at,
            "count": count,
            "note": note.strip()[:200],
            "recorded_by": actor,
        },
    )
    log_action(
        actor=actor,
        action="ontmoeting.walk_in_recorded",
        obj=tally,
        data={"count": count, "new": created},
    )
    return tally


@transaction.atomic
def activity_record_walk_ins(*, activity: Activity, count: int, actor: Any) -> Activity:
    """For activities without sign-up: how many people came (no names)."""
    if count < 0:
        raise ActivityError(_("The number cannot be below zero."))
    activity.walk_in_count = count
    activity.save(update_fields=["walk_in_count", "updated_at"])
    log_action(actor=actor, action="ontmoeting.activity_walk_ins", obj=activity)
    return activity
