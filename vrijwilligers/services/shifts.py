"""Shifts: planning (one, or every week), changing, cancelling, and the volunteers' places.

The places of a shift are a huis.places offering with as many places as volunteers needed, one
place per sign-up and a waiting list that moves up by itself. Moving a shift tells the volunteers
and moves their reminders; cancelling tells them and cancels the reminders."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from huis.audit.services import log_action
from huis.core.locking import lock
from huis.places import services as places
from huis.places.models import ACTIVE_STATUSES, PlaceClaim

from .. import notify
from ..models import Shift, ShiftSeries, Volunteer
from .applications import _clean_tasks
from .errors import VolunteersError

MAX_WEEKS = 53


@dataclass(frozen=True)
class ShiftData:
    title: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    needed: int
    tasks: list[str] = field(default_factory=list)
    place: str = ""
    notes: str = ""
    for_object: Model | None = None  # an activity or course session this shift staffs


def _check(data: ShiftData) -> None:
    if not data.title.strip():
        raise VolunteersError(_("Give the shift a title."), field="title")
    if data.ends_at <= data.starts_at:
        raise VolunteersError(_("The end comes after the start."), field="ends_at")
    if data.ends_at - data.starts_at > dt.timedelta(hours=24):
        raise VolunteersError(_("A shift lasts at most a day."), field="ends_at")
    if not 1 <= data.needed <= 50:
        raise VolunteersError(_("Between 1 and 50 volunteers."), field="needed")


def _configure(shift: Shift, *, is_open: bool = True) -> None:
    offering = places.offering_configure(
        holder=shift,
        config=places.OfferingSettings(
            capacity=shift.needed,
            is_open=is_open,
            closes_at=shift.starts_at,
            max_places_per_claim=1,
        ),
    )
    if shift.offering_id != offering.pk:
        shift.offering = offering
        shift.save(update_fields=["offering"])


@transaction.atomic
def shift_create(*, data: ShiftData, actor: Any, series: ShiftSeries | None = None) -> Shift:
    _check(data)
    if data.starts_at <= timezone.now():
        raise VolunteersError(_("Plan a shift in the future."), field="starts_at")
    shift = Shift(
        title=data.title.strip()[:120],
        kind=data.kind,
        tasks=_clean_tasks(data.tasks),
        starts_at=data.starts_at,
        ends_at=data.ends_at,
        needed=data.needed,
        place=data.place.strip()[:150],
        notes=data.notes.strip()[:300],
        series=series,
        created_by=actor,
    )
    if data.for_object is not None:
        shift.for_type = ContentType.objects.get_for_model(data.for_object)
        shift.for_id = data.for_object.pk
    shift.save()
    _configure(shift)
    log_action(actor=actor, action="vrijwilligers.shift.created", obj=shift)
    return shift


def _local(day: dt.date, at: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, at))


@transaction.atomic
def series_create(
    *,
    title: str,
    kind: str,
    weekday: int,
    start_time: dt.time,
    end_time: dt.time,
    needed: int,
    starts_on: dt.date,
    until: dt.date,
    actor: Any,
    tasks: list[str] | None = None,
    place: str = "",
) -> ShiftSeries:
    """A shift every week on `weekday` between two days, each at the same local time (also
    across a daylight-saving change)."""
    if not 0 <= weekday <= 6:
        raise VolunteersError(_("Choose a day of the week."), field="weekday")
    if end_time <= start_time:
        raise VolunteersError(_("The end comes after the start."), field="end_time")
    if until < starts_on:
        raise VolunteersError(_("The last day comes after the first."), field="until")
    if (until - starts_on).days > MAX_WEEKS * 7:
        raise VolunteersError(_("Plan at most a year ahead."), field="until")
    series = ShiftSeries.objects.create(
        title=title.strip()[:120],
        kind=kind,
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        needed=needed,
        starts_on=starts_on,
        until=until,
        created_by=actor,
    )
    day = starts_on + dt.timedelta(days=(weekday - starts_on.weekday()) % 7)
    now = timezone.now()
    while day <= until:
        starts_at = _local(day, start_time)
        if starts_at > now:
            shift_create(
                data=ShiftData(
                    title=title,
                    kind=kind,
                    starts_at=starts_at,
                    ends_at=_local(day, end_time),
                    needed=needed,
                    tasks=tasks or [],
                    place=place,
                ),
                actor=actor,
                series=series,
            )
        day += dt.timedelta(days=7)
    log_action(actor=actor, action="vrijwilligers.series.created", obj=series)
    return series


def _locked(shift: Shift) -> Shift:
    return lock(Shift.objects.all(), shift.pk)


def people_on(shift: Shift, *, statuses=ACTIVE_STATUSES) -> list[PlaceClaim]:
    return list(
        PlaceClaim.objects.filter(
            offering_id=shift.offering_id, status__in=statuses, user__isnull=False
        ).select_related("user")
    )


@transaction.atomic
def shift_update(*, shift: Shift, data: ShiftData, actor: Any) -> Shift:
    """Change a shift. When its time moves, everyone on it is told and their reminders move."""
    _check(data)
    shift = _locked(shift)
    if shift.is_cancelled:
        raise VolunteersError(_("This shift is cancelled."))
    if data.needed < shift.offering.taken:
        raise VolunteersError(
            ngettext(
                "%(n)s volunteer is already on this shift: ask them to give it back first.",
                "%(n)s volunteers are already on this shift: ask one to give it back first.",
                shift.offering.taken,
            )
            % {"n": shift.offering.taken},
            field="needed",
        )
    moved = (shift.starts_at, shift.ends_at) != (data.starts_at, data.ends_at)
    if moved and data.starts_at <= timezone.now():
        raise VolunteersError(_("Move a shift to a time in the future."), field="starts_at")
    shift.title = data.title.strip()[:120]
    shift.kind = data.kind
    shift.tasks = _clean_tasks(data.tasks)
    shift.starts_at, shift.ends_at = data.starts_at, data.ends_at
    shift.needed = data.needed
    shift.place = data.place.strip()[:150]
    shift.notes = data.notes.strip()[:300]
    if data.for_object is not None:
        shift.for_type = ContentType.objects.get_for_model(data.for_object)
        shift.for_id = data.for_object.pk
    shift.save()
    _configure(shift)
    if moved:
        notify.reminder_cancel(shift)
        stamp = str(int(shift.starts_at.timestamp()))
        for claim in people_on(shift):
            notify.shift_changed(shift, claim.user, stamp=stamp)
            if claim.status == PlaceClaim.Status.CONFIRMED:
                notify.reminder_schedule(shift, claim.user)
    log_action(actor=actor, action="vrijwilligers.shift.updated", obj=shift, data={"moved": moved})
    return shift


@transaction.atomic
def shift_cancel(*, shift: Shift, actor: Any, reason: str) -> Shift:
    reason = (reason or "").strip()
    if not reason:
        raise VolunteersError(_("Say why the shift is cancelled."), field="reason")
    shift = _locked(shift)
    if shift.is_cancelled:
        raise VolunteersError(_("This shift is already cancelled."))
    shift.status = Shift.Status.CANCELLED
    shift.cancel_reason = reason[:300]
    shift.save(update_fields=["status", "cancel_reason"])
    places.offering_set_open(offering=shift.offering, is_open=False)
    notify.reminder_cancel(shift)
    for claim in people_on(shift):
        notify.shift_cancelled(shift, claim.user)
    log_action(actor=actor, action="vrijwilligers.shift.cancelled", obj=shift)
    return shift


def sign_up_refusal(shift: Shift, volunteer: Volunteer | None) -> str | None:
    """Why this volunteer cannot sign up for this shift now (None: they can). The page asks it
    to show the button; the service asks it before it writes."""
    if volunteer is None or not volunteer.is_active:
        return _("Only active volunteers sign up for shifts.")
    if shift.is_cancelled:
        return _("This shift is cancelled.")
    if shift.starts_at <= timezone.now():
        return _("This shift has started already.")
    return None


@transaction.atomic
def shift_sign_up(*, shift: Shift, volunteer: Volunteer, actor: Any) -> PlaceClaim:
    """A place on the shift, or a place on its waiting list when it is full. The places engine
    counts under the shift's lock: never more volunteers than needed."""
    shift = Shift.objects.select_related("offering").get(pk=shift.pk)
    refusal = sign_up_refusal(shift, volunteer)
    if refusal:
        raise VolunteersError(refusal)
    user = volunteer.user
    try:
        claim = places.claim_create(
            offering=shift.offering,
            name=user.display_name,
            email=user.email,
            user=user,
            language=user.preferred_language,
            actor=actor,
        )
    except places.AlreadySignedUp as exc:
        raise VolunteersError(_("You are already on this shift.")) from exc
    except places.PlaceError as exc:
        raise VolunteersError(str(exc)) from exc
    if claim.status == PlaceClaim.Status.CONFIRMED:
        notify.reminder_schedule(shift, user)
    log_action(actor=actor, action="vrijwilligers.shift.signed_up", obj=shift, subject=user)
    return claim


def claim_of(shift: Shift, volunteer: Volunteer) -> PlaceClaim | None:
    return PlaceClaim.objects.filter(
        offering_id=shift.offering_id, user_id=volunteer.user_id, status__in=ACTIVE_STATUSES
    ).first()


def tell_others(shift: Shift, *, exclude_user_ids: set[int], reason_key: str) -> int:
    """Tell the active volunteers who like this kind of task and are not on the shift."""
    on_it = {c.user_id for c in people_on(shift)} | exclude_user_ids
    others = (
        Volunteer.objects.filter(is_active=True).select_related("user").exclude(user_id__in=on_it)
    )
    if shift.tasks:
        others = others.filter(tasks__overlap=shift.tasks)
    count = 0
    for volunteer in others[:200]:
        notify.help_wanted(shift, volunteer.user, reason_key=reason_key)
        count += 1
    return count


@transaction.atomic
def shift_give_back(*, shift: Shift, volunteer: Volunteer, actor: Any) -> PlaceClaim:
    """Give a place back: the first on the waiting list gets it; when nobody waits, the other
    volunteers who can take it are told."""
    claim = claim_of(shift, volunteer)
    if claim is None:
        raise VolunteersError(_("You are not on this shift."))
    if shift.starts_at <= timezone.now():
        raise VolunteersError(_("This shift has started already."))
    was_holding = claim.holds_place
    claim = places.claim_cancel(claim=claim, actor=actor)
    notify.reminder_cancel(shift, volunteer.user_id)
    shift.offering.refresh_from_db()
    if was_holding and not shift.offering.is_full and not shift.is_cancelled:
        tell_others(shift, exclude_user_ids={volunteer.user_id}, reason_key=f"free:{claim.pk}")
    log_action(
        actor=actor, action="vrijwilligers.shift.given_back", obj=shift, subject=volunteer.user
    )
    return claim


def on_claim_promoted(sender: Any, claim: PlaceClaim, offered: bool, **kwargs: Any) -> None:
    """huis.places gave a freed place to a volunteer who waited: tell them, remind them."""
    offering = claim.offering
    if offering.holder_type_id != ContentType.objects.get_for_model(Shift).pk or not claim.user:
        return
    shift = Shift.objects.get(pk=offering.holder_id)
    notify.place_given(shift, claim.user, claim_id=claim.pk)
    notify.reminder_schedule(shift, claim.user)
