"""Writes of outreach entries: log, change, follow up, read the notes; the follow-up reminders."""

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation
from huis.audit.services import log_action
from huis.core.locking import lock
from huis.notifications.services import notification_cancel, notification_schedule

from .. import figures
from ..codes import parse_contact_codes
from ..models import Need, Neighbourhood, OutreachEntry, OutreachKind
from .common import KwartiermakenError, changed_fields, check_organisation, stored_values

FOLLOW_UP_KIND = "kwartiermaken_follow_up"
FOLLOW_UP_HOUR = dt.time(8, 0)
NOTES_VIEWED = "kwartiermaken.entry_notes_viewed"


@dataclasses.dataclass(frozen=True, kw_only=True)
class EntryDetails:
    """What a worker writes about one piece of outreach work: everything of an entry but its
    organisation and needs. To change a few fields: `dataclasses.replace(EntryDetails.of(entry),
    people_reached=2)`."""

    date: dt.date
    neighbourhood: Neighbourhood
    kind: str = OutreachKind.HOME_VISIT
    people_reached: int = 1
    contact_codes: list[str] | str = ""
    referrals: int = 0
    referred_to: str = ""
    follow_up_on: dt.date | None = None
    follow_up_note: str = ""
    notes: str = ""

    @classmethod
    def of(cls, entry: OutreachEntry) -> "EntryDetails":
        return cls(**{f.name: getattr(entry, f.name) for f in dataclasses.fields(cls)})

    def apply_to(self, entry: OutreachEntry) -> None:
        entry.date = self.date
        entry.neighbourhood = self.neighbourhood
        entry.kind = self.kind
        entry.people_reached = self.people_reached
        entry.contact_codes = self.contact_codes
        entry.referrals = self.referrals
        entry.referred_to = self.referred_to
        entry.follow_up_on = self.follow_up_on
        entry.follow_up_note = self.follow_up_note
        entry.notes = self.notes


ENTRY_FIELDS = tuple(f.name for f in dataclasses.fields(EntryDetails))


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


@transaction.atomic
def entry_create(
    *,
    actor: Any,
    organisation: Organisation,
    details: EntryDetails,
    needs: Iterable[Need] = (),
    request: HttpRequest | None = None,
) -> OutreachEntry:
    check_organisation(actor, organisation)
    entry = OutreachEntry(organisation=organisation, created_by=actor)
    details.apply_to(entry)
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
    details: EntryDetails,
    needs: Iterable[Need] | None = None,
    request: HttpRequest | None = None,
) -> OutreachEntry:
    locked = lock(OutreachEntry.objects.all(), entry.pk)
    before = stored_values(locked, ENTRY_FIELDS)
    previous_follow_up = locked.follow_up_on
    previous_date = locked.date
    details.apply_to(locked)
    _clean_entry(locked)
    changed = changed_fields(locked, before)
    if locked.follow_up_on != previous_follow_up:
        # A new follow-up date is a new follow-up: the reminder of the old one is cancelled.
        locked.follow_up_done_at = None
        _cancel_follow_up(locked)
    locked.save()
    if needs is not None:
        locked.needs.set(list(needs))
    figures.refresh(organisation_id=locked.organisation_id, days=[previous_date, locked.date])
    changed += ["needs"] if needs is not None else []
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
