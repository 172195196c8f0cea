"""A request's life: submitted, taken up, experts proposed, accepted, confirmed, done, evaluated.

Every change of status goes through `_move`, which refuses a step that is not in TRANSITIONS (no
skipping a state) and writes a history row with who made it. Every change locks the request's row
first (`huis.core.locking.lock`; an assignment's change locks the request, then the assignment),
so simultaneous acceptances never confirm more experts than were asked for; a row held too long
answers `Busy` ("try again in a moment"). The concurrency test's control run replaces `lock` with a
plain read to show that the lock is what keeps the count right.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.core.locking import lock

from .. import notify
from ..matching import rank_experts
from ..models import Assignment, Evaluation, Expert, ExpertRequest, RequestEvent, Theme
from ..models.request import ACTIVE_ASSIGNMENT, AssignmentStatus
from .errors import ExpertsError, NeedsConfirmation
from .transitions import (
    S,
    has_taken_place,
    may_move,
    may_propose,
    may_schedule,
    may_take,
)


def _person(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _move(request: ExpertRequest, to: str, *, actor: Any, note: str = "") -> None:
    """Change the status of a locked request, one allowed step at a time."""
    if not may_move(request, to):
        raise ExpertsError(
            _("A request that is “%(from)s” cannot become “%(to)s”.")
            % {"from": S(request.status).label, "to": S(to).label}
        )
    RequestEvent.objects.create(
        request=request, from_status=request.status, to_status=to, actor=_person(actor), note=note
    )
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.request.status",
        obj=request,
        data={"from": request.status, "to": to},
    )
    request.status = to
    request.save(update_fields=["status", "updated_at"])


@transaction.atomic
def request_submit(*, data: dict, themes: list[Theme], language: str) -> ExpertRequest:
    """An organisation files a request (no account needed). It gets a confirmation with a link
    to follow it."""
    request = ExpertRequest(**data, language=language)
    if request.starts_at is None and (request.window_from is None or request.window_until is None):
        raise ExpertsError(_("Give a date and time, or a period in which it can take place."))
    request.save()
    request.themes.set(themes)
    RequestEvent.objects.create(request=request, from_status="", to_status=S.NEW)
    log_action(actor=None, action="ervaringsdeskundigen.request.submitted", obj=request)
    notify.request_received(request)
    return request


@transaction.atomic
def request_take(*, request: ExpertRequest, actor: Any) -> ExpertRequest:
    """A coordinator takes up a request (or takes it over from a colleague)."""
    request = lock(ExpertRequest.objects.all(), request.pk)
    if not may_take(request):
        raise ExpertsError(_("This request is closed."))
    if request.status == S.NEW:
        _move(request, S.IN_PROGRESS, actor=actor)
    request.handler = actor
    request.save(update_fields=["handler", "updated_at"])
    log_action(actor=actor, action="ervaringsdeskundigen.request.taken", obj=request)
    return request


@transaction.atomic
def request_schedule(
    *, request: ExpertRequest, starts_at: dt.datetime, duration_minutes: int, actor: Any
) -> ExpertRequest:
    """Fix the date and time (agreed with the organisation). After experts were proposed this
    moves the request: every proposal and acceptance moves with it, each expert is told once
    through the core's change notices, and the reminders follow the new time."""
    request = lock(ExpertRequest.objects.all(), request.pk)
    if not may_schedule(request):
        raise ExpertsError(_("The time of this request can no longer change."))
    if starts_at <= timezone.now():
        raise ExpertsError(_("Choose a moment in the future."))
    old_start, old_duration = request.starts_at, request.duration_minutes
    request.starts_at = starts_at
    request.duration_minutes = duration_minutes
    active = list(
        request.assignments.select_related("expert__user")
        .filter(status__in=ACTIVE_ASSIGNMENT)
        .order_by("pk")
    )
    for assignment in active:
        if assignment.status == AssignmentStatus.ACCEPTED and _clashes(
            assignment, request.starts_at, request.ends_at
        ):
            raise ExpertsError(
                _("%(name)s already has another assignment at that time.")
                % {"name": assignment.expert}
            )
    request.save(update_fields=["starts_at", "duration_minutes", "updated_at"])
    told = 0
    if active and (old_start, old_duration) != (starts_at, duration_minutes):
        for assignment in active:
            assignment.starts_at, assignment.ends_at = request.starts_at, request.ends_at
            assignment.request = request
        Assignment.objects.bulk_update(active, ["starts_at", "ends_at"])
        told = notify.assignments_moved(request, active, old_start=old_start)
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.request.scheduled",
        obj=request,
        data={"moved": len(active), "told": told} if active else None,
    )
    return request


def _clashes(assignment: Assignment, starts_at: dt.datetime, ends_at: dt.datetime) -> bool:
    return (
        Assignment.objects.filter(
            expert=assignment.expert,
            status=AssignmentStatus.ACCEPTED,
            starts_at__lt=ends_at,
            ends_at__gt=starts_at,
        )
        .exclude(pk=assignment.pk)
        .exists()
    )


@transaction.atomic
def request_decline(*, request: ExpertRequest, actor: Any, reason: str) -> ExpertRequest:
    reason = reason.strip()
    if not reason:
        raise ExpertsError(_("Write down why, for the organisation."))
    request = lock(ExpertRequest.objects.all(), request.pk)
    _move(request, S.DECLINED, actor=actor, note=reason[:250])
    notify.request_declined(request, reason)
    return request


@transaction.atomic
def request_cancel(*, request: ExpertRequest, actor: Any, reason: str = "") -> ExpertRequest:
    """Cancel a request; every proposal and acceptance ends and the experts are told."""
    request = lock(ExpertRequest.objects.all(), request.pk)
    _move(request, S.CANCELLED, actor=actor, note=reason[:250])
    active = list(
        request.assignments.select_related("expert__user").filter(status__in=ACTIVE_ASSIGNMENT)
    )
    for assignment in active:
        assignment.status = (
            AssignmentStatus.CANCELLED
            if assignment.status == AssignmentStatus.ACCEPTED
            else AssignmentStatus.WITHDRAWN
        )
        assignment.save(update_fields=["status"])
    notify.request_cancelled(request, active)
    return request


@transaction.atomic
def request_propose_experts(
    *,
    request: ExpertRequest,
    experts: list[Expert],
    actor: Any,
    confirm_warnings: bool = False,
) -> list[Assignment]:
    """Propose experts for a request; each gets a message with a link to accept or decline.

    Refused: paused experts, experts who do not want to speak about one of the request's themes,
    experts already proposed, and what the ranked list marks impossible (a clash, a period away,
    a full month). An expert without the sickness fund's permission on file needs the
    coordinator to confirm the warning first.
    """
    request = lock(ExpertRequest.objects.all(), request.pk)
    if not experts:
        raise ExpertsError(_("Choose at least one expert."))
    if not may_propose(request):
        raise ExpertsError(_("Take up the request first; then you can propose experts."))
    if request.starts_at is None:
        raise ExpertsError(_("Fix the date and time of the request first."))
    themes = set(request.themes.values_list("pk", flat=True))
    already = set(
        request.assignments.filter(status__in=ACTIVE_ASSIGNMENT).values_list("expert_id", flat=True)
    )
    experts = list(
        Expert.objects.select_related("user")
        .prefetch_related("excluded_themes")
        .filter(pk__in=[e.pk for e in experts])
    )
    for expert in experts:
        if expert.is_paused:
            raise ExpertsError(_("%(name)s has paused and gets no proposals.") % {"name": expert})
        if themes & {t.pk for t in expert.excluded_themes.all()}:
            raise ExpertsError(
                _("%(name)s does not want to speak about a theme of this request.")
                % {"name": expert}
            )
        if expert.pk in already:
            raise ExpertsError(_("%(name)s is already proposed.") % {"name": expert})
    # The same rules as the ranked list: a clash, a period away or a full month block a proposal.
    chosen = {e.pk for e in experts}
    for match in rank_experts(request=request):
        if match.expert.pk in chosen and match.problems:
            raise ExpertsError(
                _("%(name)s cannot be proposed: %(problems)s.")
                % {"name": match.expert, "problems": "; ".join(match.problems)}
            )
    missing = [e for e in experts if e.lacks_fund_permission]
    if missing and not confirm_warnings:
        raise NeedsConfirmation(
            _(
                "The sickness fund's permission of %(names)s is not on file. Check it before "
                "you propose, then confirm."
            )
            % {"names": ", ".join(str(e) for e in missing)}
        )
    if request.status == S.IN_PROGRESS:
        _move(request, S.PROPOSED, actor=actor)
    if request.handler_id is None:
        request.handler = actor
        request.save(update_fields=["handler", "updated_at"])
    created = []
    for expert in experts:
        assignment = Assignment.objects.create(
            request=request,
            expert=expert,
            starts_at=request.starts_at,
            ends_at=request.ends_at,
            proposed_by=_person(actor),
        )
        log_action(
            actor=actor,
            action="ervaringsdeskundigen.assignment.proposed",
            obj=assignment,
            subject=expert.user,
        )
        notify.proposal_made(assignment)
        created.append(assignment)
    return created


@transaction.atomic
def assignment_accept(*, assignment: Assignment, actor: Any) -> Assignment:
    """The expert accepts. When as many have accepted as the organisation asked for, the request
    is confirmed, the organisation is told, and the other open proposals are withdrawn."""
    request = lock(ExpertRequest.objects.all(), assignment.request_id)
    assignment = lock(
        Assignment.objects.select_related("expert__user"), assignment.pk, of=("self",)
    )
    assignment.request = request
    if assignment.status == AssignmentStatus.ACCEPTED:
        return assignment
    if assignment.status != AssignmentStatus.PROPOSED or request.status != S.PROPOSED:
        raise ExpertsError(_("This proposal is no longer open. Thank you anyway!"))
    accepted = request.assignments.filter(status=AssignmentStatus.ACCEPTED).count()
    if accepted >= request.experts_wanted:
        raise ExpertsError(_("Enough experts have already accepted. Thank you anyway!"))
    if _clashes(assignment, assignment.starts_at, assignment.ends_at):
        raise ExpertsError(_("You already have another assignment at that time."))
    assignment.status = AssignmentStatus.ACCEPTED
    assignment.responded_at = timezone.now()
    assignment.save(update_fields=["status", "responded_at"])
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.assignment.accepted",
        obj=assignment,
        subject=assignment.expert.user,
    )
    notify.schedule_expert_reminder(assignment)
    if accepted + 1 >= request.experts_wanted:
        _move(request, S.CONFIRMED, actor=actor)
        for other in request.assignments.select_related("expert__user").filter(
            status=AssignmentStatus.PROPOSED
        ):
            other.status = AssignmentStatus.WITHDRAWN
            other.save(update_fields=["status"])
            notify.proposal_withdrawn(other)
        confirmed = list(
            request.assignments.select_related("expert__user").filter(
                status=AssignmentStatus.ACCEPTED
            )
        )
        notify.request_confirmed(request, confirmed)
    return assignment


def _fall_back(request: ExpertRequest, *, actor: Any) -> None:
    """After a decline or withdrawal: back to 'proposed' or 'in progress' when needed."""
    counts = {
        status: request.assignments.filter(status=status).count() for status in ACTIVE_ASSIGNMENT
    }
    if request.status == S.CONFIRMED and counts[AssignmentStatus.ACCEPTED] < request.experts_wanted:
        notify.cancel_organisation_reminder(request)
        _move(request, S.PROPOSED if any(counts.values()) else S.IN_PROGRESS, actor=actor)
    elif request.status == S.PROPOSED and not any(counts.values()):
        _move(request, S.IN_PROGRESS, actor=actor)


@transaction.atomic
def assignment_decline(*, assignment: Assignment, actor: Any) -> Assignment:
    request = lock(ExpertRequest.objects.all(), assignment.request_id)
    assignment = lock(
        Assignment.objects.select_related("expert__user"), assignment.pk, of=("self",)
    )
    assignment.request = request
    if assignment.status == AssignmentStatus.DECLINED:
        return assignment
    if assignment.status != AssignmentStatus.PROPOSED:
        raise ExpertsError(_("This proposal is no longer open."))
    assignment.status = AssignmentStatus.DECLINED
    assignment.responded_at = timezone.now()
    assignment.save(update_fields=["status", "responded_at"])
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.assignment.declined",
        obj=assignment,
        subject=assignment.expert.user,
    )
    _fall_back(request, actor=None)
    return assignment


@transaction.atomic
def assignment_withdraw(*, assignment: Assignment, actor: Any) -> Assignment:
    """A coordinator withdraws a proposal, or cancels an accepted assignment."""
    request = lock(ExpertRequest.objects.all(), assignment.request_id)
    assignment = lock(
        Assignment.objects.select_related("expert__user"), assignment.pk, of=("self",)
    )
    assignment.request = request
    if assignment.status not in ACTIVE_ASSIGNMENT or not request.is_open:
        raise ExpertsError(_("This assignment can no longer be withdrawn."))
    was_accepted = assignment.status == AssignmentStatus.ACCEPTED
    assignment.status = AssignmentStatus.CANCELLED if was_accepted else AssignmentStatus.WITHDRAWN
    assignment.save(update_fields=["status"])
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.assignment.withdrawn",
        obj=assignment,
        subject=assignment.expert.user,
    )
    if was_accepted:  # a cancellation: the core's change notice, once
        notify.assignments_cancelled(request, [assignment])
    else:
        notify.proposal_withdrawn(assignment)
    _fall_back(request, actor=actor)
    return assignment


@transaction.atomic
def request_mark_done(*, request: ExpertRequest, actor: Any) -> ExpertRequest:
    """After the assignment: done. The organisation gets the short evaluation form."""
    request = lock(ExpertRequest.objects.all(), request.pk)
    if request.status == S.CONFIRMED and not has_taken_place(request):
        raise ExpertsError(_("The assignment has not taken place yet."))
    _move(request, S.DONE, actor=actor)
    notify.evaluation_asked(request)
    return request


@transaction.atomic
def evaluation_submit(
    *, request: ExpertRequest, rating: int, went_well: str, could_improve: str
) -> Evaluation:
    request = lock(ExpertRequest.objects.all(), request.pk)
    if request.status == S.EVALUATED:
        raise ExpertsError(_("You already sent your evaluation. Thank you!"))
    if request.status != S.DONE:
        raise ExpertsError(_("You can evaluate after the assignment."))
    evaluation = Evaluation.objects.create(
        request=request, rating=rating, went_well=went_well, could_improve=could_improve
    )
    _move(request, S.EVALUATED, actor=None)
    return evaluation
