"""Writes of trajecten: applications, the committee's meetings and decisions, trajectories.

Every function is keyword-only, runs in one transaction, writes an audit entry and raises
`TrajectenError` with a message a person can read when something is not allowed. State changes
lock the application (or trajectory) row first, so two people clicking at once cannot skip a step
or decide twice; the database constraints are the second guard.
"""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from huis.accounts.access import organisation_ids
from huis.accounts.models import Organisation
from huis.audit.services import log_action
from huis.notifications.services import notification_cancel, notification_schedule

from .consent import consent_is_active
from .dates import add_months
from .models import (
    AgendaItem,
    Application,
    Committee,
    CommitteeMember,
    ContactLog,
    Decision,
    EvaluationMoment,
    Goal,
    HousingCheck,
    HousingStep,
    Meeting,
    Programme,
    Trajectory,
)
from .models.trajectories import CHECK_MONTHS

Status = Application.Status
APPLICATION_VIEWED = "trajecten.application_viewed"
DECISION_KIND = "trajecten_decision"
EVALUATION_KIND = "trajecten_evaluation"
CHECK_KIND = "trajecten_housing_check"
REMINDER_HOUR = dt.time(8, 0)
AGREEMENT_MONTHS = 12
FIRST_EVALUATION_MONTHS = 3


class TrajectenError(Exception):
    def __init__(self, message: Any, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _require_consent(application: Application) -> None:
    if not consent_is_active(application.consent):
        raise TrajectenError(
            _("The family withdrew their consent. Nothing can be shared any more."),
            field="consent",
        )


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("consent", "programme", "prepared_by")
        .get(pk=application.pk)
    )


# --- Applications ----------------------------------------------------------------------------

APPLICATION_FIELDS = (
    "family_label",
    "in_their_words",
    "what_they_ask",
    "strengths",
    "adults",
    "children",
    "children_elsewhere",
    "current_situation",
)


def _set_fields(application: Application, fields: dict) -> None:
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown application fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(application, name, value.strip() if isinstance(value, str) else value)
    if not application.family_label:
        raise TrajectenError(_("Say how the committee may call the family."), field="family_label")
    if not application.in_their_words:
        raise TrajectenError(_("Write the family's story with them."), field="in_their_words")
    if application.adults < 1:
        raise TrajectenError(_("A household has at least one adult."), field="adults")
    if application.adults > 20 or application.children > 30 or application.children_elsewhere > 30:
        raise TrajectenError(_("That is a lot of people. Check the number."), field="children")


@transaction.atomic
def application_create(
    *,
    actor: Any,
    programme: Programme,
    organisation: Organisation,
    consent: Any,
    request: HttpRequest | None = None,
    **fields: Any,
) -> Application:
    if organisation.pk not in organisation_ids(actor):
        raise TrajectenError(
            _("You can only prepare an application for an organisation you work for."),
            field="organisation",
        )
    if not programme.is_active:
        raise TrajectenError(_("This programme takes no applications now."), field="programme")
    if consent.recorded_by_organisation_id != organisation.pk:
        raise TrajectenError(
            _("Use a consent your organisation recorded with the family."), field="consent"
        )
    if not consent_is_active(consent):
        raise TrajectenError(
            _("The family withdrew this consent. Record a new one with them first."),
            field="consent",
        )
    application = Application(
        programme=programme, organisation=organisation, prepared_by=actor, consent=consent
    )
    _set_fields(application, fields)
    application.save()
    log_action(
        actor=actor,
        action="trajecten.application_created",
        obj=application,
        data={"programme": programme.pk, "organisation": organisation.pk},
        request=request,
    )
    return application


@transaction.atomic
def application_update(
    *, application: Application, actor: Any, request: HttpRequest | None = None, **fields: Any
) -> Application:
    locked = _locked(application)
    if not locked.is_editable:
        raise TrajectenError(_("Only an application that is being prepared can be changed."))
    _set_fields(locked, fields)
    locked.save()
    log_action(
        actor=actor,
        action="trajecten.application_changed",
        obj=locked,
        data={"fields": sorted(fields)},
        request=request,
    )
    return locked


@transaction.atomic
def housing_step_add(
    *,
    application: Application,
    actor: Any,
    started_on: dt.date,
    ended_on: dt.date | None,
    situation: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> HousingStep:
    locked = _locked(application)
    if not locked.is_editable:
        raise TrajectenError(_("Only an application that is being prepared can be changed."))
    today = timezone.localdate()
    if started_on > today or (ended_on and ended_on > today):
        raise TrajectenError(_("The dates cannot be in the future."), field="started_on")
    if ended_on and ended_on < started_on:
        raise TrajectenError(_("The end cannot be before the start."), field="ended_on")
    if locked.housing_steps.count() >= 30:
        raise TrajectenError(_("Keep the history short: at most 30 steps."))
    step = HousingStep.objects.create(
        application=locked,
        started_on=started_on,
        ended_on=ended_on,
        situation=situation,
        note=note.strip(),
    )
    log_action(
        actor=actor,
        action="trajecten.housing_step_added",
        obj=locked,
        data={"step": step.pk},
        request=request,
    )
    return step


@transaction.atomic
def housing_step_remove(
    *, step: HousingStep, actor: Any, request: HttpRequest | None = None
) -> None:
    locked = _locked(step.application)
    if not locked.is_editable:
        raise TrajectenError(_("Only an application that is being prepared can be changed."))
    step.delete()
    log_action(actor=actor, action="trajecten.housing_step_removed", obj=locked, request=request)


@transaction.atomic
def application_submit(
    *, application: Application, actor: Any, request: HttpRequest | None = None
) -> Application:
    """Send the application to the committee's secretariat (the coordinators)."""
    locked = _locked(application)
    if not locked.is_editable:
        raise TrajectenError(_("This application was already submitted."))
    _require_consent(locked)
    if not locked.housing_steps.exists():
        raise TrajectenError(_("Add at least one step of the housing history first."))
    locked.status = Status.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.save(update_fields=["status", "submitted_at", "updated_at"])
    log_action(actor=actor, action="trajecten.application_submitted", obj=locked, request=request)
    return locked


@transaction.atomic
def application_withdraw(
    *, application: Application, actor: Any, request: HttpRequest | None = None
) -> Application:
    """The family (through their worker) no longer wants to apply; before any final decision."""
    locked = _locked(application)
    if locked.is_decided or locked.status == Status.WITHDRAWN:
        raise TrajectenError(_("This application can no longer be withdrawn."))
    locked.status = Status.WITHDRAWN
    locked.save(update_fields=["status", "updated_at"])
    log_action(actor=actor, action="trajecten.application_withdrawn", obj=locked, request=request)
    return locked


def application_viewed(
    *, application: Application, actor: Any, full: bool, request: HttpRequest | None = None
):
    """Every read of an application is recorded: who, when, and whether they saw the details."""
    return log_action(
        actor=actor,
        action=APPLICATION_VIEWED,
        obj=application,
        data={"application": application.pk, "details": full},
        request=request,
    )


# --- The committee ---------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    actor: Any,
    committee: Committee,
    starts_at: dt.datetime,
    place: str = "",
    members: Iterable[CommitteeMember] | None = None,
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
    meeting = Meeting.objects.create(committee=committee, starts_at=starts_at, place=place.strip())
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
    locked = _locked(application)
    if locked.status != Status.SUBMITTED:
        raise TrajectenError(_("Only a submitted application can be put on the agenda."))
    if meeting.committee.programme_id != locked.programme_id:
        raise TrajectenError(_("This meeting is of another programme's committee."))
    _require_consent(locked)
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
        application = _locked(agenda_item.application)
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


# --- Trajectories ----------------------------------------------------------------------------


def reminder_at(day: dt.date) -> dt.datetime:
    """08:00 in Brussels on that day (also across a daylight-saving change)."""
    return timezone.make_aware(dt.datetime.combine(day, REMINDER_HOUR))


@transaction.atomic
def trajectory_start(
    *,
    application: Application,
    actor: Any,
    lead_organisation: Organisation,
    partners: Iterable[Organisation] = (),
    started_on: dt.date | None = None,
    housed_on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> Trajectory:
    """Start the trajectory of an admitted family, with its guidance agreement in netwerk.

    The agreement is made by netwerk's own service: the one who starts works for the lead partner,
    and it runs at least the charter's six months (here a year, extended as long as needed).
    """
    from netwerk.services import NetwerkError, guidance_create

    locked = _locked(application)
    if locked.status != Status.ADMITTED:
        raise TrajectenError(_("Only an admitted family starts a trajectory."))
    if Trajectory.objects.filter(application=locked).exists():
        raise TrajectenError(_("This family's trajectory has already started."))
    _require_consent(locked)
    started_on = started_on or timezone.localdate()
    if started_on > timezone.localdate() + dt.timedelta(days=90):
        raise TrajectenError(_("Start within the next three months."), field="started_on")
    if housed_on and housed_on < started_on:
        raise TrajectenError(_("The family is housed on or after the start."), field="housed_on")
    partners = [p for p in partners if p.pk != lead_organisation.pk]
    try:
        agreement = guidance_create(
            actor=actor,
            person=locked.consent.person,
            lead_organisation=lead_organisation,
            starts_on=started_on,
            ends_on=add_months(started_on, AGREEMENT_MONTHS),
            partners=partners,
            goals=str(_("Trajectory in the programme %(programme)s"))
            % {"programme": locked.programme.name},
            request=request,
        )
    except NetwerkError as error:
        raise TrajectenError(error.message, field="lead_organisation") from error
    trajectory = Trajectory.objects.create(
        application=locked,
        programme=locked.programme,
        agreement=agreement,
        started_on=started_on,
        housed_on=housed_on,
        started_by=actor,
    )
    log_action(
        actor=actor,
        action="trajecten.trajectory_started",
        obj=trajectory,
        data={
            "application": locked.pk,
            "agreement": agreement.pk,
            "lead": lead_organisation.pk,
            "partners": [p.pk for p in partners],
        },
        request=request,
    )
    first = add_months(started_on, FIRST_EVALUATION_MONTHS)
    evaluation_plan(trajectory=trajectory, actor=actor, planned_on=first, request=request)
    _schedule_checks(trajectory)
    return trajectory


def _locked_trajectory(trajectory: Trajectory) -> Trajectory:
    return (
        Trajectory.objects.select_for_update(of=("self",))
        .select_related("application", "programme", "started_by")
        .get(pk=trajectory.pk)
    )


def _require_open(trajectory: Trajectory) -> None:
    if not trajectory.is_open:
        raise TrajectenError(_("This trajectory has ended."))


@transaction.atomic
def goal_add(
    *,
    trajectory: Trajectory,
    actor: Any,
    domain: str,
    text: str,
    written_with: str,
    request: HttpRequest | None = None,
) -> Goal:
    locked = _locked_trajectory(trajectory)
    _require_open(locked)
    if not text.strip():
        raise TrajectenError(_("Write the goal in the family's words."), field="text")
    if not written_with.strip():
        raise TrajectenError(
            _("Say who of the family wrote this goal with you."), field="written_with"
        )
    goal = Goal.objects.create(
        trajectory=locked,
        domain=domain,
        text=text.strip(),
        written_with=written_with.strip(),
        created_by=actor,
    )
    log_action(
        actor=actor,
        action="trajecten.goal_added",
        obj=locked,
        data={"goal": goal.pk, "domain": domain},
        request=request,
    )
    return goal


@transaction.atomic
def goal_set_status(
    *, goal: Goal, actor: Any, status: str, request: HttpRequest | None = None
) -> Goal:
    locked = _locked_trajectory(goal.trajectory)
    _require_open(locked)
    if status not in Goal.Status.values:
        raise TrajectenError(_("Choose a status."))
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if goal.status == status:
        return goal
    previous = goal.status
    goal.status = status
    goal.status_changed_on = timezone.localdate()
    goal.save(update_fields=["status", "status_changed_on"])
    log_action(
        actor=actor,
        action="trajecten.goal_status_changed",
        obj=locked,
        data={"goal": goal.pk, "from": previous, "to": status},
        request=request,
    )
    return goal


@transaction.atomic
def contact_add(
    *,
    trajectory: Trajectory,
    actor: Any,
    date: dt.date,
    kind: str,
    note: str,
    request: HttpRequest | None = None,
) -> ContactLog:
    locked = _locked_trajectory(trajectory)
    _require_open(locked)
    if date > timezone.localdate():
        raise TrajectenError(_("The date cannot be in the future."), field="date")
    if date < locked.started_on:
        raise TrajectenError(_("The date cannot be before the start."), field="date")
    if not note.strip():
        raise TrajectenError(_("Write what was done or agreed."), field="note")
    contact = ContactLog.objects.create(
        trajectory=locked, date=date, kind=kind, note=note.strip(), author=actor
    )
    log_action(
        actor=actor,
        action="trajecten.contact_added",
        obj=locked,
        data={"contact": contact.pk},
        request=request,
    )
    return contact


def evaluation_key_prefix(evaluation: EvaluationMoment) -> str:
    return f"trajecten-evaluation:{evaluation.pk}"


def _schedule_evaluation_reminder(evaluation: EvaluationMoment, trajectory: Trajectory) -> None:
    """The day before, at 08:00 Brussels time, to whoever planned it (or started the trajectory)."""
    worker = evaluation.planned_by or trajectory.started_by
    if worker is None or not worker.is_active or evaluation.held_on:
        return
    due_at = max(reminder_at(evaluation.planned_on - dt.timedelta(days=1)), timezone.now())
    language = worker.preferred_language
    with translation.override(language):
        context = {
            "name": worker.display_name,
            "family": trajectory.application.family_label,
            "programme": trajectory.programme.name,
            "day": formats.date_format(evaluation.planned_on, "l j F Y"),
            "url": trajectory.get_absolute_url(),
        }
    notification_schedule(
        key=f"{evaluation_key_prefix(evaluation)}:{evaluation.planned_on.isoformat()}",
        kind=EVALUATION_KIND,
        context=context,
        recipient=worker,
        language=language,
        due_at=due_at,
    )


@transaction.atomic
def evaluation_plan(
    *,
    trajectory: Trajectory,
    actor: Any,
    planned_on: dt.date,
    request: HttpRequest | None = None,
) -> EvaluationMoment:
    locked = _locked_trajectory(trajectory)
    _require_open(locked)
    if planned_on < timezone.localdate():
        raise TrajectenError(_("Plan the evaluation today or later."), field="planned_on")
    evaluation = EvaluationMoment.objects.create(
        trajectory=locked, planned_on=planned_on, planned_by=actor
    )
    log_action(
        actor=actor,
        action="trajecten.evaluation_planned",
        obj=locked,
        data={"evaluation": evaluation.pk, "planned_on": planned_on.isoformat()},
        request=request,
    )
    _schedule_evaluation_reminder(evaluation, locked)
    return evaluation


@transaction.atomic
def evaluation_record(
    *,
    evaluation: EvaluationMoment,
    actor: Any,
    held_on: dt.date,
    summary: str,
    request: HttpRequest | None = None,
) -> EvaluationMoment:
    locked = _locked_trajectory(evaluation.trajectory)
    evaluation = EvaluationMoment.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.held_on:
        raise TrajectenError(_("This evaluation was already recorded."))
    if held_on > timezone.localdate():
        raise TrajectenError(_("The date cannot be in the future."), field="held_on")
    if not summary.strip():
        raise TrajectenError(_("Write what came out of the evaluation."), field="summary")
    evaluation.held_on = held_on
    evaluation.summary = summary.strip()
    evaluation.save(update_fields=["held_on", "summary"])
    notification_cancel(key_prefix=evaluation_key_prefix(evaluation))
    log_action(
        actor=actor,
        action="trajecten.evaluation_recorded",
        obj=locked,
        data={"evaluation": evaluation.pk},
        request=request,
    )
    return evaluation


def check_reference(trajectory: Trajectory) -> dt.date:
    """Housing checks count from the day the family moved in (or the start, until then)."""
    return trajectory.housed_on or trajectory.started_on


def check_due_on(trajectory: Trajectory, months: int) -> dt.date:
    return add_months(check_reference(trajectory), months)


def check_key_prefix(trajectory: Trajectory) -> str:
    return f"trajecten-housing-check:{trajectory.pk}"


def _schedule_checks(trajectory: Trajectory) -> None:
    worker = trajectory.started_by
    if worker is None or not worker.is_active:
        return
    done = set(trajectory.housing_checks.values_list("months", flat=True))
    language = worker.preferred_language
    for months in CHECK_MONTHS:
        if months in done:
            continue
        day = check_due_on(trajectory, months)
        with translation.override(language):
            context = {
                "name": worker.display_name,
                "family": trajectory.application.family_label,
                "months": months,
                "day": formats.date_format(day, "l j F Y"),
                "url": trajectory.get_absolute_url(),
            }
        notification_schedule(
            key=f"{check_key_prefix(trajectory)}:{months}:{day.isoformat()}",
            kind=CHECK_KIND,
            context=context,
            recipient=worker,
            language=language,
            due_at=max(reminder_at(day), timezone.now()),
        )


@transaction.atomic
def trajectory_set_housed(
    *, trajectory: Trajectory, actor: Any, housed_on: dt.date, request: HttpRequest | None = None
) -> Trajectory:
    """The family got their keys: the housing checks count from this day."""
    locked = _locked_trajectory(trajectory)
    _require_open(locked)
    if housed_on < locked.started_on or housed_on > timezone.localdate():
        raise TrajectenError(_("Choose a day between the start and today."), field="housed_on")
    if locked.housing_checks.exists():
        raise TrajectenError(_("Housing checks are recorded already; the day stays."))
    locked.housed_on = housed_on
    locked.save(update_fields=["housed_on"])
    notification_cancel(key_prefix=check_key_prefix(locked))
    _schedule_checks(locked)
    log_action(
        actor=actor,
        action="trajecten.housed",
        obj=locked,
        data={"housed_on": housed_on.isoformat()},
        request=request,
    )
    return locked


@transaction.atomic
def housing_check_record(
    *,
    trajectory: Trajectory,
    actor: Any,
    months: int,
    housed: bool,
    note: str = "",
    checked_on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> HousingCheck:
    locked = _locked_trajectory(trajectory)
    if months not in CHECK_MONTHS:
        raise TrajectenError(_("Choose 6, 12 or 24 months."), field="months")
    checked_on = checked_on or timezone.localdate()
    due = check_due_on(locked, months)
    if checked_on < due - dt.timedelta(days=31):
        raise TrajectenError(
            _("This check is due on %(day)s; record it from a month before.")
            % {"day": formats.date_format(due, "SHORT_DATE_FORMAT")},
            field="months",
        )
    if locked.housing_checks.filter(months=months).exists():
        raise TrajectenError(_("This check was already recorded."), field="months")
    check = HousingCheck.objects.create(
        trajectory=locked,
        months=months,
        housed=housed,
        checked_on=checked_on,
        note=note.strip(),
        checked_by=actor,
    )
    notification_cancel(key_prefix=f"{check_key_prefix(locked)}:{months}")
    log_action(
        actor=actor,
        action="trajecten.housing_checked",
        obj=locked,
        data={"months": months, "housed": housed},
        request=request,
    )
    return check


@transaction.atomic
def trajectory_end(
    *,
    trajectory: Trajectory,
    actor: Any,
    ended_on: dt.date,
    reason: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> Trajectory:
    from netwerk.models import GuidanceAgreement

    locked = _locked_trajectory(trajectory)
    _require_open(locked)
    if not reason:
        raise TrajectenError(_("Choose the reason for the end."), field="reason")
    if ended_on < locked.started_on or ended_on > timezone.localdate():
        raise TrajectenError(_("Choose a day between the start and today."), field="ended_on")
    locked.ended_on = ended_on
    locked.end_reason = reason
    locked.end_note = note.strip()
    locked.save(update_fields=["ended_on", "end_reason", "end_note"])
    # netwerk has no service to end an agreement yet; ending the trajectory ends its agreement.
    GuidanceAgreement.objects.filter(pk=locked.agreement_id, status="active").update(
        status="ended", updated_at=timezone.now()
    )
    notification_cancel(key_prefix=check_key_prefix(locked))
    for evaluation in locked.evaluations.filter(held_on__isnull=True):
        notification_cancel(key_prefix=evaluation_key_prefix(evaluation))
    log_action(
        actor=actor,
        action="trajecten.trajectory_ended",
        obj=locked,
        data={"reason": reason},
        request=request,
    )
    return locked
