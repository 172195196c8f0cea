"""The committee: its meetings, the agenda, and its decisions (the worker is told)."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from huis.audit.services import log_action
from huis.notifications.services import notification_schedule
from huis.rooms.models import Room
from huis.rooms.services import RoomError, booking_set

from ..models import AgendaItem, Application, Committee, CommitteeMember, Decision, Meeting
from .common import locked_application, require_consent
from .errors import TrajectenError

Status = Application.Status
DECISION_KIND = "trajecten_decision"


@transaction.atomic
def meeting_create(
    *,
    actor: Any,
    committee: Committee,
    starts_at: dt.datetime,
    place: str = "",
    members: Iterable[CommitteeMember] | None = None,
    room: Room | None = None,
    ends_at: dt.datetime | None = None,
    request: HttpRequest | None = None,
) -> Meeting:
    if starts_at < timezone.now() - dt.timedelta(days=60):
        raise TrajectenError(_("Plan a meeting that is not long past."), field="starts_at")
    chosen = list(members) if members is not None else None
    if chosen is None:
        chosen = list(committee.members.filter(ended_on__isnull=True))
    if any(m.committee_id != committee.pk for m in chosen):
        raise TrajectenError(_("Choose members of this committee."), field="members")
    if not chosen:
        raise TrajectenError(_("A meeting needs at least one member."), field="members")
    if ends_at is not None and ends_at <= starts_at:
        raise TrajectenError(_("The end comes after the start."), field="ends_at")
    if room is not None and ends_at is None:
        raise TrajectenError(_("Say until when, to book the room."), field="ends_at")
    meeting = Meeting.objects.create(
        committee=committee, starts_at=starts_at, ends_at=ends_at, room=room, place=place.strip()
    )
    if room is not None:
        # Through the house's one booking engine: a clash is refused and named.
        try:
            booking_set(
                holder=meeting, room=room, start=starts_at, end=ends_at, label=str(committee)
            )
        except RoomError as exc:
            raise TrajectenError(exc.message, field="room") from exc
    meeting.members.set(chosen)
    log_action(
        actor=actor,
        action="trajecten.meeting_created",
        obj=meeting,
        data={"members": [m.pk for m in chosen]},
        request=request,
    )
    return meeting


@transaction.atomic
def meeting_schedule(
    *,
    meeting: Meeting,
    application: Application,
    actor: Any,
    request: HttpRequest | None = None,
) -> AgendaItem:
    """Put a submitted application on the agenda of a meeting of its programme's committee."""
    locked = locked_application(application)
    if locked.status != Status.SUBMITTED:
        raise TrajectenError(_("Only a submitted application can be put on the agenda."))
    if meeting.committee.programme_id != locked.programme_id:
        raise TrajectenError(_("This meeting is of another programme's committee."))
    require_consent(locked)
    position = meeting.agenda_items.count() + 1
    item = AgendaItem.objects.create(meeting=meeting, application=locked, position=position)
    locked.status = Status.SCHEDULED
    locked.save(update_fields=["status", "updated_at"])
    log_action(
        actor=actor,
        action="trajecten.application_scheduled",
        obj=locked,
        data={"meeting": meeting.pk},
        request=request,
    )
    return item


def _open_item(application: Application) -> AgendaItem | None:
    return (
        AgendaItem.objects.filter(application=application, decision__isnull=True)
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def decision_record(
    *,
    agenda_item: AgendaItem,
    actor: Any,
    outcome: str,
    reasons: str,
    request: HttpRequest | None = None,
    lock: bool = True,
) -> Decision:
    """The committee's decision on one agenda item; the worker is told through the outbox.

    `lock=False` exists only for the concurrency test's control run (it shows the row lock is
    what keeps two simultaneous decisions apart).
    """
    if lock:
        application = locked_application(agenda_item.application)
    else:
        application = Application.objects.select_related("consent", "prepared_by").get(
            pk=agenda_item.application_id
        )
    if outcome not in Decision.Outcome.values:
        raise TrajectenError(_("Choose a decision."), field="outcome")
    reasons = (reasons or "").strip()
    if not reasons:
        raise TrajectenError(_("Write down the reasons for the decision."), field="reasons")
    if Decision.objects.filter(agenda_item=agenda_item).exists():
        raise TrajectenError(_("The committee already decided on this application."))
    if application.status != Status.SCHEDULED:
        raise TrajectenError(_("This application is not waiting for a decision."))
    if _open_item(application) != agenda_item:
        raise TrajectenError(_("This application is on the agenda of another meeting."))
    try:
        with transaction.atomic():
            decision = Decision.objects.create(
                agenda_item=agenda_item,
                application=application,
                outcome=outcome,
                reasons=reasons,
                decided_by=actor,
            )
    except IntegrityError as error:
        raise TrajectenError(_("The committee already decided on this application.")) from error
    application.status = outcome
    application.save(update_fields=["status", "updated_at"])
    log_action(
        actor=actor,
        action="trajecten.decision_recorded",
        obj=application,
        data={"decision": decision.pk, "outcome": outcome, "meeting": agenda_item.meeting_id},
        request=request,
    )
    _tell_worker(decision, application)
    return decision


def _tell_worker(decision: Decision, application: Application) -> None:
    worker = application.prepared_by
    if worker is None or not worker.is_active:
        return
    language = worker.preferred_language
    with translation.override(language):
        context = {
            "name": worker.display_name,
            "family": application.family_label,
            "programme": application.programme.name,
            "outcome": str(decision.get_outcome_display()),
            "reasons": decision.reasons,
            "url": application.get_absolute_url(),
        }
    notification_schedule(
        key=f"trajecten-decision:{decision.pk}",
        kind=DECISION_KIND,
        context=context,
        recipient=worker,
        language=language,
    )
