"""What ervaringsdeskundigen tells organisations and experts, through the notifications outbox.

Every message is a row with a unique key, written in the transaction of the change it is about;
the outbox sends it after commit, in the recipient's language. Reminders are rows with a due
time (48 hours before), cancelled when the assignment is. Texts: templates/notifications/<kind>/.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from huis.notifications import notices
from huis.notifications.services import notification_cancel, notification_schedule

from . import tokens
from .models import Assignment, ExpertRequest

KIND_RECEIVED = "experts_request_received"
KIND_DECLINED = "experts_request_declined"
KIND_CANCELLED = "experts_request_cancelled"
KIND_CONFIRMED = "experts_request_confirmed"
KIND_PROPOSAL = "experts_proposal"
KIND_WITHDRAWN = "experts_proposal_withdrawn"
KIND_REMINDER_EXPERT = "experts_reminder_expert"
KIND_REMINDER_ORGANISATION = "experts_reminder_organisation"
KIND_EVALUATION = "experts_evaluation"
KIND_REPORT_RETURNED = "experts_report_returned"

REMINDER_BEFORE = timedelta(hours=48)


def follow_url(request: ExpertRequest) -> str:
    token = tokens.request_token(request)
    return settings.SITE_URL + reverse("ervaringsdeskundigen:follow", kwargs={"token": token})


def proposal_url(assignment: Assignment) -> str:
    token = tokens.proposal_token(assignment)
    return settings.SITE_URL + reverse("ervaringsdeskundigen:proposal", kwargs={"token": token})


def _when(request: ExpertRequest, language: str) -> dict:
    with translation.override(language):
        if request.starts_at is None:
            return {
                "day": " – ".join(
                    formats.date_format(d, "DATE_FORMAT")
                    for d in (request.window_from, request.window_until)
                ),
                "start": "",
                "end": "",
            }
        start = timezone.localtime(request.starts_at)
        end = timezone.localtime(request.ends_at)
        return {
            "day": formats.date_format(start, "l j F Y"),
            "start": formats.time_format(start, "TIME_FORMAT"),
            "end": formats.time_format(end, "TIME_FORMAT"),
        }


def _request_context(request: ExpertRequest, language: str) -> dict:
    with translation.override(language):
        work_kind = str(request.work_kind)
    return {
        "organisation": request.organisation_name,
        "contact": request.contact_name,
        "work_kind": work_kind,
        "place": request.place,
        "audience": request.audience,
        "follow_url": follow_url(request),
        **_when(request, language),
    }


def _to_organisation(request: ExpertRequest, kind: str, key: str, **extra: Any) -> None:
    context = _request_context(request, request.language)
    context.update(extra.pop("context", {}))
    notification_schedule(
        key=key,
        kind=kind,
        context=context,
        email=request.contact_email,
        language=request.language,
        **extra,
    )


def _to_expert(assignment: Assignment, kind: str, key: str, **extra: Any) -> None:
    user = assignment.expert.user
    language = user.preferred_language
    context = _request_context(assignment.request, language)
    context.update(
        name=user.display_name,
        proposal_url=proposal_url(assignment),
        dashboard_url=settings.SITE_URL + reverse("ervaringsdeskundigen:dashboard"),
    )
    context.update(extra.pop("context", {}))
    notification_schedule(key=key, kind=kind, context=context, recipient=user, **extra)


def request_received(request: ExpertRequest) -> None:
    _to_organisation(request, KIND_RECEIVED, f"experts:received:{request.pk}")


def request_declined(request: ExpertRequest, reason: str) -> None:
    _to_organisation(
        request, KIND_DECLINED, f"experts:declined:{request.pk}", context={"reason": reason}
    )


def occasion(request: ExpertRequest) -> notices.Occasion:
    """The request as the core's change notices see it (one occasion for all its experts)."""
    title = f"{request.organisation_name}: {request.place}" if request.place else ""
    return notices.Occasion(
        ref=f"ervaringsdeskundigen.request:{request.pk}",
        title=title or request.organisation_name,
        url=settings.SITE_URL + reverse("ervaringsdeskundigen:dashboard"),
    )


def expert_addressees(assignments: list[Assignment]) -> list[notices.Addressee]:
    """The experts of these assignments, each with the link to their own proposal."""
    return [
        notices.Addressee(
            ref=f"assignment:{a.pk}",
            name=a.expert.user.display_name,
            user=a.expert.user,
            url=proposal_url(a),
        )
        for a in assignments
    ]


def assignments_moved(request: ExpertRequest, active: list[Assignment], *, old_start: Any) -> int:
    """The request's time changed after experts were proposed: every expert proposed or
    accepted is told once (core change notices) and the reminders follow the new time."""
    told = notices.notice_moved(
        occasion=occasion(request),
        addressees=expert_addressees(active),
        old_start=old_start,
        new_start=request.starts_at,
        new_end=request.ends_at,
        place=request.place,
    )
    for assignment in active:
        if assignment.status == "accepted":
            cancel_reminders(assignment)
            schedule_expert_reminder(assignment)
    if request.status == "confirmed":
        cancel_organisation_reminder(request)
        names = ", ".join(a.expert.user.display_name for a in active if a.status == "accepted")
        _schedule_organisation_reminder(request, names)
    return told


def assignments_cancelled(request: ExpertRequest, assignments: list[Assignment]) -> int:
    """These assignments do not take place: each expert is told once (core change notices),
    their reminders go. A second call tells nobody again."""
    for assignment in assignments:
        cancel_reminders(assignment)
    return notices.notice_cancelled(
        occasion=occasion(request),
        addressees=expert_addressees(assignments),
        starts_at=request.starts_at,
    )


def request_cancelled(request: ExpertRequest, active: list[Assignment]) -> None:
    _to_organisation(request, KIND_CANCELLED, f"experts:cancelled:{request.pk}")
    assignments_cancelled(request, active)
    notification_cancel(key_prefix=f"experts:reminder-org:{request.pk}")


def proposal_made(assignment: Assignment) -> None:
    _to_expert(assignment, KIND_PROPOSAL, f"experts:proposal:{assignment.pk}")


def proposal_withdrawn(assignment: Assignment) -> None:
    _to_expert(assignment, KIND_WITHDRAWN, f"experts:withdrawn:{assignment.pk}")
    cancel_reminders(assignment)


def request_confirmed(request: ExpertRequest, accepted: list[Assignment]) -> None:
    names = ", ".join(a.expert.user.display_name for a in accepted)
    stamp = int(timezone.now().timestamp())
    _to_organisation(
        request,
        KIND_CONFIRMED,
        f"experts:confirmed:{request.pk}:{stamp}",
        context={"experts": names},
    )
    _schedule_organisation_reminder(request, names)


def _schedule_organisation_reminder(request: ExpertRequest, names: str) -> None:
    due = request.starts_at - REMINDER_BEFORE
    if due > timezone.now():
        base = f"experts:reminder-org:{request.pk}"
        _to_organisation(
            request,
            KIND_REMINDER_ORGANISATION,
            notices.reminder_key(base, request.starts_at),
            context={"experts": names},
            due_at=due,
        )


def schedule_expert_reminder(assignment: Assignment) -> None:
    due = assignment.starts_at - REMINDER_BEFORE
    if due > timezone.now():
        base = f"experts:reminder:{assignment.pk}"
        _to_expert(
            assignment,
            KIND_REMINDER_EXPERT,
            notices.reminder_key(base, assignment.starts_at),
            due_at=due,
        )


def cancel_reminders(assignment: Assignment) -> None:
    notification_cancel(key_prefix=f"experts:reminder:{assignment.pk}")


def cancel_organisation_reminder(request: ExpertRequest) -> None:
    notification_cancel(key_prefix=f"experts:reminder-org:{request.pk}")


def evaluation_asked(request: ExpertRequest) -> None:
    _to_organisation(request, KIND_EVALUATION, f"experts:evaluation:{request.pk}")


def report_returned(assignment: Assignment, reason: str, step: int) -> None:
    """The expert's hours report was sent back: what to correct, and where."""
    report_url = settings.SITE_URL + reverse(
        "ervaringsdeskundigen:report", kwargs={"pk": assignment.pk}
    )
    _to_expert(
        assignment,
        KIND_REPORT_RETURNED,
        f"experts:report-returned:{assignment.pk}:{step}",
        context={"reason": reason, "report_url": report_url},
    )
