"""The messages of vrijwilligers, through the outbox (huis.notifications). Keys are unique per
message, so a retried request never sends twice; reminders are rows due the evening before."""

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from huis.core.templatetags.house_dates import house_date
from huis.notifications.services import notification_cancel, notification_schedule

from .models import Shift, Volunteer

REMINDER_TIME = dt.time(18, 0)


def reminder_due(shift: Shift) -> dt.datetime:
    """18:00 in Brussels the day before the shift (also across a daylight-saving change)."""
    day = timezone.localtime(shift.starts_at).date() - dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(day, REMINDER_TIME))


def _shift_context(shift: Shift, name: str) -> dict:
    start = timezone.localtime(shift.starts_at)
    end = timezone.localtime(shift.ends_at)
    return {
        "name": name,
        "title": shift.title,
        "day": house_date(start.date()),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
        "place": shift.place,
        "url": reverse("vrijwilligers:shift_detail", args=[shift.pk]),
    }


def _reminder_prefix(shift: Shift, user_id: int) -> str:
    return f"vrijwilligers:reminder:{shift.pk}:{user_id}"


def reminder_schedule(shift: Shift, user: Any) -> None:
    """The reminder of this shift for this person; the start time is part of the key, so a
    moved shift gets a new reminder (the old one is cancelled)."""
    due = reminder_due(shift)
    if shift.starts_at <= timezone.now() or shift.is_cancelled:
        return
    stamp = int(shift.starts_at.timestamp())
    notification_schedule(
        key=f"{_reminder_prefix(shift, user.pk)}:{stamp}",
        kind="vrijwilligers_reminder",
        context=_shift_context(shift, user.display_name),
        recipient=user,
        due_at=max(due, timezone.now()),
    )


def reminder_cancel(shift: Shift, user_id: int | None = None) -> int:
    if user_id is None:
        return notification_cancel(key_prefix=f"vrijwilligers:reminder:{shift.pk}")
    return notification_cancel(key_prefix=_reminder_prefix(shift, user_id))


def _once(kind: str, key: str, user: Any, context: dict) -> None:
    notification_schedule(key=key, kind=kind, context=context, recipient=user)


def accepted(volunteer: Volunteer) -> None:
    user = volunteer.user
    _once(
        "vrijwilligers_accepted",
        f"vrijwilligers:accepted:{volunteer.pk}:{int(volunteer.created_at.timestamp())}",
        user,
        {"name": user.display_name, "url": reverse("vrijwilligers:mine")},
    )


def shift_changed(shift: Shift, user: Any, *, stamp: str) -> None:
    _once(
        "vrijwilligers_shift_changed",
        f"vrijwilligers:changed:{shift.pk}:{user.pk}:{stamp}",
        user,
        _shift_context(shift, user.display_name),
    )


def shift_cancelled(shift: Shift, user: Any) -> None:
    context = _shift_context(shift, user.display_name) | {"reason": shift.cancel_reason}
    _once(
        "vrijwilligers_shift_cancelled",
        f"vrijwilligers:cancelled:{shift.pk}:{user.pk}",
        user,
        context,
    )


def place_given(shift: Shift, user: Any, *, claim_id: int) -> None:
    """Someone got a place from the waiting list (or took over a swap)."""
    _once(
        "vrijwilligers_place_given",
        f"vrijwilligers:place:{claim_id}",
        user,
        _shift_context(shift, user.display_name),
    )


def help_wanted(shift: Shift, user: Any, *, reason_key: str) -> None:
    """A place on a shift is free or someone asks to swap: the others who can take it are told."""
    _once(
        "vrijwilligers_help_wanted",
        f"vrijwilligers:help:{reason_key}:{user.pk}",
        user,
        _shift_context(shift, user.display_name),
    )


def swap_taken(shift: Shift, user: Any, *, swap_id: int, taker: str) -> None:
    context = _shift_context(shift, user.display_name) | {"taker": taker}
    _once("vrijwilligers_swap_taken", f"vrijwilligers:swap-taken:{swap_id}", user, context)


def volunteer_stopped(volunteer: Volunteer, coordinator: Any, shifts: list[Shift]) -> None:
    lines = [f"{timezone.localtime(s.starts_at):%d/%m/%Y %H:%M} {s.title}" for s in shifts]
    _once(
        "vrijwilligers_volunteer_stopped",
        f"vrijwilligers:stopped:{volunteer.pk}:{coordinator.pk}:{timezone.now():%Y%m%d%H%M%S}",
        coordinator,
        {
            "name": coordinator.display_name,
            "volunteer": volunteer.user.display_name,
            "shifts": lines,
            "url": reverse("vrijwilligers:board_week"),
        },
    )
