"""The programme: plan, change, publish and cancel activities and weekly series of them.

Keyword-only and typed; each runs in one transaction, so a refused change leaves nothing half
saved. Errors carry a translated message for the person who tried.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.core.content_language import Translations, translations_apply
from huis.core.locking import lock, lock_rows
from huis.places import services as places
from huis.places.models import PlaceOffering
from huis.rooms.models import Room
from huis.rooms.services import RoomError, booking_release, booking_set

from .. import notify
from ..models import Activity, Series
from .errors import ActivityError


@dataclass
class ActivityData:
    """What staff fill in for an activity (the staff form's cleaned data)."""

    title: str
    summary: str
    description: str
    category: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    room: Room | None = None
    location: str = ""
    leaders: list = field(default_factory=list)
    leader_names: str = ""
    capacity: int | None = None
    waitlist_mode: str = PlaceOffering.WaitlistMode.AUTOMATIC
    offer_hours: int = 24
    max_places_per_claim: int = 4
    signup_opens_at: dt.datetime | None = None
    signup_closes_at: dt.datetime | None = None
    price: Decimal = Decimal(0)
    price_note: str = ""
    step_free: bool = False
    accessible_toilet: bool = False
    hearing_loop: bool = False
    quiet_room: bool = False
    sign_language: bool = False
    easy_to_read: bool = False
    accessibility_notes: str = ""
    # French and English of title, summary and description ({"title_fr": ...}); absent: unchanged.
    translations: Translations = field(default_factory=dict)


def _check(data: ActivityData, *, allow_past: bool = False) -> None:
    if timezone.is_naive(data.starts_at) or timezone.is_naive(data.ends_at):
        raise ValueError("Activities need aware datetimes.")
    if data.ends_at <= data.starts_at:
        raise ActivityError(_("The end must be after the start."))
    if not allow_past and data.starts_at < timezone.now():
        raise ActivityError(_("The start is in the past. Choose a date in the future."))
    if data.capacity is not None and data.capacity < 1:
        raise ActivityError(_("The number of places must be 1 or more, or empty to walk in."))
    if data.price is not None and data.price < 0:
        raise ActivityError(_("The price cannot be below zero."))
    closes = data.signup_closes_at
    if closes is not None and data.signup_opens_at is not None and closes <= data.signup_opens_at:
        raise ActivityError(_("Signing up must close after it opens."))


def _offering_config(activity: Activity, data: ActivityData) -> places.OfferingSettings:
    closes = data.signup_closes_at or activity.starts_at
    return places.OfferingSettings(
        capacity=data.capacity,
        waitlist_mode=data.waitlist_mode,
        offer_hours=data.offer_hours,
        max_places_per_claim=data.max_places_per_claim,
        is_open=activity.status == Activity.Status.PUBLISHED,
        opens_at=data.signup_opens_at,
        closes_at=min(closes, activity.starts_at),
    )


def _apply(activity: Activity, data: ActivityData, start: dt.datetime, end: dt.datetime) -> None:
    """Save `activity` with `data`, book its room and set its places. Raises ActivityError."""
    # Each field by name: a field added to ActivityData but not here is a failing test, not a
    # silently dropped value (times, places and leaders are handled below).
    activity.title = data.title
    activity.summary = data.summary
    activity.description = data.description
    activity.category = data.category
    activity.room = data.room
    activity.location = data.location
    activity.leader_names = data.leader_names
    activity.price = data.price
    activity.price_note = data.price_note
    activity.step_free = data.step_free
    activity.accessible_toilet = data.accessible_toilet
    activity.hearing_loop = data.hearing_loop
    activity.quiet_room = data.quiet_room
    activity.sign_language = data.sign_language
    activity.easy_to_read = data.easy_to_read
    activity.accessibility_notes = data.accessibility_notes
    translations_apply(activity, data.translations)
    activity.starts_at, activity.ends_at = start, end
    activity.save()
    activity.leaders.set(data.leaders)
    try:
        booking_set(holder=activity, room=activity.room, start=start, end=end, label=activity.title)
        offering = places.offering_configure(
            holder=activity, config=_offering_config(activity, data)
        )
    except (RoomError, places.PlaceError) as exc:
        raise ActivityError(str(exc)) from exc
    if activity.offering_id != offering.pk:
        activity.offering = offering
        activity.save(update_fields=["offering"])


def _wall_clock(day: dt.date, time: dt.time) -> dt.datetime:
    """`time` on `day` in the house's time zone: 14:00 stays 14:00 across summer time."""
    return timezone.make_aware(dt.datetime.combine(day, time))


def _weekly_dates(first: dt.date, last: dt.date) -> list[dt.date]:
    days = []
    day = first
    while day <= last:
        days.append(day)
        day += dt.timedelta(weeks=1)
    return days


MAX_SERIES = 104


@transaction.atomic
def activity_create(
    *, data: ActivityData, actor: Any, repeat_weekly_until: dt.date | None = None
) -> Activity:
    """Plan an activity (a draft), or a weekly series of them up to `repeat_weekly_until`.

    A clash in any week refuses the whole series and names the booking in the way."""
    _check(data)
    local_start = timezone.localtime(data.starts_at)
    local_end = timezone.localtime(data.ends_at)
    if repeat_weekly_until is None:
        activity = Activity(created_by=actor)
        _apply(activity, data, data.starts_at, data.ends_at)
        log_action(actor=actor, action="ontmoeting.activity_created", obj=activity)
        return activity
    if repeat_weekly_until < local_start.date():
        raise ActivityError(_("The last date of the series must be after the first."))
    dates = _weekly_dates(local_start.date(), repeat_weekly_until)
    if len(dates) > MAX_SERIES:
        raise ActivityError(_("A series can have at most %(n)s dates.") % {"n": MAX_SERIES})
    series = Series.objects.create(
        title=data.title,
        weekday=local_start.weekday(),
        starts_at_time=local_start.time(),
        ends_at_time=local_end.time(),
        first_date=dates[0],
        last_date=dates[-1],
    )
    span = local_end.date() - local_start.date()
    first = None
    for day in dates:
        activity = Activity(created_by=actor, series=series)
        start = _wall_clock(day, local_start.time())
        end = _wall_clock(day + span, local_end.time())
        week_data = _shift_window(data, data.starts_at, start)
        _apply(activity, week_data, start, end)
        first = first or activity
    log_action(
        actor=actor,
        action="ontmoeting.series_created",
        obj=first,
        data={"series": series.pk, "dates": len(dates)},
    )
    return first


def _shift_window(data: ActivityData, old_start: dt.datetime, new_start: dt.datetime):
    """The sign-up window moves along with the date, in wall-clock days."""
    from dataclasses import replace

    old_local = timezone.localtime(old_start)
    new_local = timezone.localtime(new_start)
    delta = new_local.date() - old_local.date()

    def shift(moment: dt.datetime | None) -> dt.datetime | None:
        if moment is None:
            return None
        local = timezone.localtime(moment)
        return _wall_clock(local.date() + delta, local.time())

    return replace(
        data,
        signup_opens_at=shift(data.signup_opens_at),
        signup_closes_at=shift(data.signup_closes_at),
    )


@transaction.atomic
def activity_update(
    *,
    activity: Activity,
    data: ActivityData,
    actor: Any,
    scope: Literal["one", "rest"] = "one",
) -> list[Activity]:
    """Change one activity, or it and the rest of its series (those not changed on their own).

    For the rest of a series, the new times of day apply to each date, and a move of the date
    moves every later date by the same number of days."""
    if activity.is_cancelled:
        raise ActivityError(_("This activity is cancelled. It cannot be changed any more."))
    _check(data, allow_past=True)
    if data.starts_at != activity.starts_at and data.starts_at < timezone.now():
        raise ActivityError(_("The start is in the past. Choose a date in the future."))
    old_local = timezone.localtime(activity.starts_at)
    new_start, new_end = timezone.localtime(data.starts_at), timezone.localtime(data.ends_at)
    changed = [activity]
    before = {activity.pk: (activity.starts_at, activity.ends_at)}
    if scope == "rest" and activity.series_id:
        others = sorted(
            lock_rows(
                Activity.objects.filter(
                    series_id=activity.series_id,
                    starts_at__gt=activity.starts_at,
                    series_detached=False,
                ).exclude(status=Activity.Status.CANCELLED)
            ),
            key=lambda other: (other.starts_at, other.pk),
        )
        shift = new_start.date() - old_local.date()
        span = new_end.date() - new_start.date()
        for other in others:
            day = timezone.localtime(other.starts_at).date() + shift
            start = _wall_clock(day, new_start.time())
            end = _wall_clock(day + span, new_end.time())
            before[other.pk] = (other.starts_at, other.ends_at)
            _apply(other, _shift_window(data, data.starts_at, start), start, end)
            changed.append(other)
    elif activity.series_id:
        activity.series_detached = True
    _apply(activity, data, data.starts_at, data.ends_at)
    told = 0
    for each in changed:
        if each.is_published and before[each.pk] != (each.starts_at, each.ends_at):
            told += notify.activity_moved(each, old_start=before[each.pk][0])
    log_action(
        actor=actor,
        action="ontmoeting.activity_changed",
        obj=activity,
        data={"scope": scope, "count": len(changed), "told": told},
    )
    return changed


@transaction.atomic
def activity_publish(*, activity: Activity, actor: Any) -> Activity:
    activity = lock(Activity.objects.all(), activity.pk)
    if activity.status != Activity.Status.DRAFT:
        raise ActivityError(_("Only a draft can be published."))
    if activity.is_past:
        raise ActivityError(_("This activity is over. It cannot be published any more."))
    activity.status = Activity.Status.PUBLISHED
    activity.save(update_fields=["status", "updated_at"])
    if activity.offering_id:
        places.offering_set_open(offering=activity.offering, is_open=True)
    log_action(actor=actor, action="ontmoeting.activity_published", obj=activity)
    return activity


@transaction.atomic
def activity_cancel(*, activity: Activity, actor: Any, reason: str = "") -> Activity:
    """Cancel an activity: the room is free again and everyone signed up or waiting is told."""
    activity = lock(Activity.objects.all(), activity.pk)
    if activity.is_cancelled:
        raise ActivityError(_("This activity was already cancelled."))
    if activity.is_past:
        raise ActivityError(_("This activity is over. It cannot be cancelled any more."))
    was_published = activity.is_published
    activity.status = Activity.Status.CANCELLED
    activity.cancel_reason = reason.strip()[:300]
    activity.save(update_fields=["status", "cancel_reason", "updated_at"])
    booking_release(holder=activity)
    told = 0
    if activity.offering_id:
        places.offering_set_open(offering=activity.offering, is_open=False)
        if was_published:
            told = notify.activity_cancelled(activity, notify.active_claims(activity))
    log_action(
        actor=actor, action="ontmoeting.activity_cancelled", obj=activity, data={"told": told}
    )
    return activity
