"""Writes of kwartiermaken: outreach entries, follow-ups, signals and policy recommendations.

Every function is keyword-only, runs in one transaction, writes an audit entry and raises
`KwartiermakenError` with a message a person can read when something is not allowed.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from huis.accounts.access import organisation_ids
from huis.accounts.models import Organisation
from huis.audit.services import log_action
from huis.core.errors import DomainError
from huis.core.locking import lock
from huis.notifications.services import notification_cancel, notification_schedule

from . import figures
from .codes import parse_contact_codes
from .models import Need, OutreachEntry, PolicyRecommendation, Signal

FOLLOW_UP_KIND = "kwartiermaken_follow_up"
FOLLOW_UP_HOUR = dt.time(8, 0)
NOTES_VIEWED = "kwartiermaken.entry_notes_viewed"


class KwartiermakenError(DomainError):
    """A change kwartiermaken refuses: `message` says why, `field` names the form field."""


def _check_organisation(actor: Any, organisation: Organisation) -> None:
    if organisation.pk not in organisation_ids(actor):
        raise KwartiermakenError(
            _("You can only log work for an organisation you work for."), field="organisation"
        )


# --- Outreach entries ------------------------------------------------------------------------

ENTRY_FIELDS = (
    "date",
    "neighbourhood",
    "kind",
    "people_reached",
    "contact_codes",
    "referrals",
    "referred_to",
    "follow_up_on",
    "follow_up_note",
    "notes",
)


def _clean_entry(entry: OutreachEntry) -> None:
    today = timezone.localdate()
    if entry.date > today:
        raise KwartiermakenError(_("The date cannot be in the future."), field="date")
    if entry.follow_up_on is not None and entry.follow_up_on < entry.date:
        raise KwartiermakenError(
            _("The follow-up date cannot be before the date of the work."), field="follow_up_on"
        )
    if entry.people_reached > 10_000:
        raise KwartiermakenError(
            _("That is a lot of people. Check the number."), field="people_reached"
        )
    try:
        entry.contact_codes = parse_contact_codes(entry.contact_codes)
    except ValidationError as error:
        raise KwartiermakenError(error.messages[0], field="contact_codes") from error


def _set_fields(entry: OutreachEntry, fields: dict) -> None:
    unknown = set(fields) - set(ENTRY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown entry fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(entry, name, value)


@transaction.atomic
def entry_create(
    *,
    actor: Any,
    organisation: Organisation,
    needs: Iterable[Need] = (),
    request: HttpRequest | None = None,
    **fields: Any,
) -> OutreachEntry:
    _check_organisation(actor, organisation)
    entry = OutreachEntry(organisation=organisation, created_by=actor)
    _set_fields(entry, fields)
    _clean_entry(entry)
    entry.save()
    entry.needs.set(list(needs))
    figures.refresh(organisation_id=organisation.pk, days=[entry.date])
    log_action(
        actor=actor,
        action="kwartiermaken.entry_created",
        obj=entry,
        data={"organisation": organisation.pk},
        request=request,
    )
    _schedule_follow_up(entry)
    return entry


@transaction.atomic
def entry_update(
    *,
    entry: OutreachEntry,
    actor: Any,
    needs: Iterable[Need] | None = None,
    request: HttpRequest | None = None,
    **fields: Any,
) -> OutreachEntry:
    locked = lock(OutreachEntry.objects.all(), entry.pk)
    previous_follow_up = locked.follow_up_on
    previous_date = locked.date
    _set_fields(locked, fields)
    _clean_entry(locked)
    if locked.follow_up_on != previous_follow_up:
        # A new follow-up date is a new follow-up: the reminder of the old one is cancelled.
        locked.follow_up_done_at = None
        _cancel_follow_up(locked)
    locked.save()
    if needs is not None:
        locked.needs.set(list(needs))
    figures.refresh(organisation_id=locked.organisation_id, days=[previous_date, locked.date])
    changed = sorted(fields) + (["needs"] if needs is not None else [])
    log_action(
        actor=actor,
        action="kwartiermaken.entry_changed",
        obj=locked,
        data={"fields": changed},
        request=request,
    )
    _schedule_follow_up(locked)
    return locked


@transaction.atomic
def entry_follow_up_done(
    *, entry: OutreachEntry, actor: Any, request: HttpRequest | None = None
) -> OutreachEntry:
    """Mark the follow-up done, once: a second click (or a colleague's) changes nothing."""
    done = OutreachEntry.objects.filter(
        pk=entry.pk, follow_up_on__isnull=False, follow_up_done_at__isnull=True
    ).update(follow_up_done_at=timezone.now())
    if not done:
        raise KwartiermakenError(_("This entry has no open follow-up."))
    entry.refresh_from_db()
    figures.refresh(organisation_id=entry.organisation_id, days=[entry.date])
    _cancel_follow_up(entry)
    log_action(actor=actor, action="kwartiermaken.follow_up_done", obj=entry, request=request)
    return entry


def entry_notes_read(*, entry: OutreachEntry, actor: Any, request: HttpRequest | None = None):
    """Reading an entry's notes is recorded: who and when (coordinators can see it)."""
    return log_action(
        actor=actor, action=NOTES_VIEWED, obj=entry, data={"entry": entry.pk}, request=request
    )


# --- Follow-up reminders -----------------------------------------------------------------------


def follow_up_key_prefix(entry: OutreachEntry) -> str:
    return f"kwartiermaken-follow-up:entry:{entry.pk}"


def follow_up_due_at(day: dt.date) -> dt.datetime:
    """08:00 in Brussels on the follow-up day (the house's time zone, also across DST)."""
    return timezone.make_aware(dt.datetime.combine(day, FOLLOW_UP_HOUR))


def _cancel_follow_up(entry: OutreachEntry) -> None:
    notification_cancel(key_prefix=follow_up_key_prefix(entry))


def _schedule_follow_up(entry: OutreachEntry) -> None:
    """One reminder per follow-up (entry and date), to the worker who logged it."""
    worker = entry.created_by
    if not entry.follow_up_open or worker is None or not worker.is_active:
        return
    due_at = max(follow_up_due_at(entry.follow_up_on), timezone.now())
    language = worker.preferred_language
    with translation.override(language):
        context = {
            "name": worker.display_name,
            "kind": str(entry.get_kind_display()),
            "neighbourhood": entry.neighbourhood.name,
            "day": formats.date_format(entry.date, "j F Y"),
            "follow_up_day": formats.date_format(entry.follow_up_on, "l j F Y"),
            "what": entry.follow_up_note,
            "url": entry.get_absolute_url(),
        }
    notification_schedule(
        key=f"{follow_up_key_prefix(entry)}:{entry.follow_up_on.isoformat()}",
        kind=FOLLOW_UP_KIND,
        context=context,
        recipient=worker,
        language=language,
        due_at=due_at,
    )


# --- Signals ---------------------------------------------------------------------------------

SIGNAL_FIELDS = ("observed_on", "category", "neighbourhood", "service", "description", "times_seen")


def _clean_signal(signal: Signal) -> None:
    if signal.observed_on > timezone.localdate():
        raise KwartiermakenError(_("The date cannot be in the future."), field="observed_on")
    if not (signal.description or "").strip():
        raise KwartiermakenError(_("Describe what happens."), field="description")


@transaction.atomic
def signal_create(
    *,
    actor: Any,
    organisation: Organisation,
    entry: OutreachEntry | None = None,
    request: HttpRequest | None = None,
    **fields: Any,
) -> Signal:
    _check_organisation(actor, organisation)
    if entry is not None and entry.organisation_id != organisation.pk:
        raise KwartiermakenError(_("This entry belongs to another organisation."))
    unknown = set(fields) - set(SIGNAL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown signal fields: {sorted(unknown)}")
    signal = Signal(organisation=organisation, created_by=actor, entry=entry, **fields)
    _clean_signal(signal)
    signal.save()
    figures.refresh(organisation_id=organisation.pk, days=[signal.observed_on])
    log_action(
        actor=actor,
        action="kwartiermaken.signal_created",
        obj=signal,
        data={"entry": entry.pk if entry else None},
        request=request,
    )
    return signal


@transaction.atomic
def signal_update(
    *, signal: Signal, actor: Any, request: HttpRequest | None = None, **fields: Any
) -> Signal:
    unknown = set(fields) - set(SIGNAL_FIELDS)
    if unknown:
        raise TypeError(f"Unknown signal fields: {sorted(unknown)}")
    previous_day = Signal.objects.filter(pk=signal.pk).values_list("observed_on", flat=True).get()
    for name, value in fields.items():
        setattr(signal, name, value)
    _clean_signal(signal)
    signal.save()
    figures.refresh(organisation_id=signal.organisation_id, days=[previous_day, signal.observed_on])
    log_action(
        actor=actor,
        action="kwartiermaken.signal_changed",
        obj=signal,
        data={"fields": sorted(fields)},
        request=request,
    )
    return signal


# --- Policy recommendations --------------------------------------------------------------------

RECOMMENDATION_FIELDS = ("title", "problem", "proposal", "addressed_to")
Status = PolicyRecommendation.Status

# Which status may follow which: the workflow, in one place.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SENT}),
    Status.SENT: frozenset({Status.ANSWERED, Status.IMPLEMENTED, Status.REJECTED}),
    Status.ANSWERED: frozenset({Status.IMPLEMENTED, Status.REJECTED}),
    Status.IMPLEMENTED: frozenset(),
    Status.REJECTED: frozenset(),
}


@transaction.atomic
def recommendation_create(
    *,
    actor: Any,
    signals: Iterable[Signal] = (),
    request: HttpRequest | None = None,
    **fields: Any,
) -> PolicyRecommendation:
    unknown = set(fields) - set(RECOMMENDATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown recommendation fields: {sorted(unknown)}")
    recommendation = PolicyRecommendation.objects.create(created_by=actor, **fields)
    signals = list(signals)
    recommendation.signals.set(signals)
    log_action(
        actor=actor,
        action="kwartiermaken.recommendation_created",
        obj=recommendation,
        data={"signals": [s.pk for s in signals]},
        request=request,
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    recommendation: PolicyRecommendation,
    actor: Any,
    signals: Iterable[Signal] | None = None,
    request: HttpRequest | None = None,
    **fields: Any,
) -> PolicyRecommendation:
    """A draft can be changed; once sent, what was sent stays as it was."""
    unknown = set(fields) - set(RECOMMENDATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown recommendation fields: {sorted(unknown)}")
    locked = lock(PolicyRecommendation.objects.all(), recommendation.pk)
    if locked.status != Status.DRAFT:
        raise KwartiermakenError(_("Only a draft can be changed. This one was already sent."))
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save()
    if signals is not None:
        locked.signals.set(list(signals))
    log_action(
        actor=actor,
        action="kwartiermaken.recommendation_changed",
        obj=locked,
        data={"fields": sorted(fields) + (["signals"] if signals is not None else [])},
        request=request,
    )
    return locked


def _transition(
    recommendation: PolicyRecommendation,
    *,
    to: str,
    actor: Any,
    request: HttpRequest | None,
    **updates: Any,
) -> PolicyRecommendation:
    # The row lock makes two clicks at the same moment one transition: the second sees the new
    # status and is refused.
    locked = lock(PolicyRecommendation.objects.all(), recommendation.pk)
    if to not in TRANSITIONS[locked.status]:
        raise KwartiermakenError(
            _("A recommendation that is “%(status)s” cannot become “%(to)s”.")
            % {"status": locked.get_status_display(), "to": Status(to).label}
        )
    previous = locked.status
    locked.status = to
    for name, value in updates.items():
        setattr(locked, name, value)
    locked.save()
    log_action(
        actor=actor,
        action=f"kwartiermaken.recommendation_{to}",
        obj=locked,
        data={"from": previous, "to": to},
        request=request,
    )
    return locked


@transaction.atomic
def recommendation_send(
    *,
    recommendation: PolicyRecommendation,
    actor: Any,
    sent_on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> PolicyRecommendation:
    if not recommendation.signals.exists():
        raise KwartiermakenError(
            _("Add at least one signal as evidence before you send the recommendation.")
        )
    return _transition(
        recommendation,
        to=Status.SENT,
        actor=actor,
        request=request,
        sent_on=sent_on or timezone.localdate(),
    )


@transaction.atomic
def recommendation_record_answer(
    *,
    recommendation: PolicyRecommendation,
    actor: Any,
    answer: str,
    answered_on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> PolicyRecommendation:
    if not answer.strip():
        raise KwartiermakenError(_("Write down the answer you received."), field="answer")
    return _transition(
        recommendation,
        to=Status.ANSWERED,
        actor=actor,
        request=request,
        answer=answer.strip(),
        answered_on=answered_on or timezone.localdate(),
    )


@transaction.atomic
def recommendation_decide(
    *,
    recommendation: PolicyRecommendation,
    actor: Any,
    outcome: str,
    decided_on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> PolicyRecommendation:
    """The service implemented the proposal, or rejected it."""
    if outcome not in (Status.IMPLEMENTED, Status.REJECTED):
        raise KwartiermakenError(_("Choose implemented or rejected."))
    return _transition(
        recommendation,
        to=outcome,
        actor=actor,
        request=request,
        decided_on=decided_on or timezone.localdate(),
    )
