"""Walk-in: the open hours of the house and how many people dropped in (no names)."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action

from ..models import Activity, OpenHours, WalkInTally
from .errors import ActivityError


@transaction.atomic
def walk_in_record(
    *, open_hours: OpenHours, date: dt.date, count: int, actor: Any, note: str = ""
) -> WalkInTally:
    """How many people dropped in during one open session (replaces an earlier count)."""
    if count < 0:
        raise ActivityError(_("The number cannot be below zero."))
    if date > timezone.localdate():
        raise ActivityError(_("You can only count a day that has begun."))
    if date.weekday() != open_hours.weekday:
        raise ActivityError(_("The house is not open at these hours on that day."))
    tally, created = WalkInTally.objects.update_or_create(
        open_hours=open_hours,
        date=date,
        defaults={"count": count, "note": note.strip()[:200], "recorded_by": actor},
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


@transaction.atomic
def open_hours_save(*, hours: OpenHours, actor: Any) -> OpenHours:
    """Save open hours as the form set them (new or changed), with an audit entry."""
    hours.save()
    log_action(actor=actor, action="ontmoeting.open_hours_saved", obj=hours)
    return hours
