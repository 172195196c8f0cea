"""The Recovery College's part of "download my data", "delete my account" and retention."""

from datetime import datetime
from typing import Any

from .models import CourseTrainer, Enrollment, EvaluationResponse, LearningPlan


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def export(user: Any) -> dict:
    enrollments = (
        Enrollment.objects.filter(user=user)
        .select_related("course__term", "claim")
        .prefetch_related("attendances__session")
        .order_by("created_at")
    )
    data: dict = {
        "enrolments": [
            {
                "course": e.course.title,
                "term": e.course.term.name,
                "enrolled": _iso(e.created_at),
                "state": e.state,
                "hope_note": e.hope_note,
                "intake": e.intake,
                "intake_note": e.intake_note,
                "cancelled": _iso(e.cancelled_at),
                "attendance": [
                    {"session": _iso(a.session.starts_at), "status": a.status}
                    for a in e.attendances.all()
                ],
            }
            for e in enrollments
        ],
        "evaluations": [
            {
                "course": r.course.title,
                "overall": r.overall,
                "useful": r.useful,
                "trainers": r.trainers,
                "comment": r.comment,
                "given": _iso(r.created_at),
            }
            for r in EvaluationResponse.objects.filter(enrollment__user=user).select_related(
                "course"
            )
        ],
        "teaching": [
            {"course": t.course.title, "role": t.role}
            for t in CourseTrainer.objects.filter(user=user).select_related("course")
        ],
    }
    plan = LearningPlan.objects.filter(user=user).select_related("companion").first()
    if plan is not None:
        data["learning_plan"] = {
            "companion": plan.companion.display_name if plan.companion else None,
            "companion_sees_courses": plan.share_courses,
            "entries": [
                {
                    "kind": entry.kind,
                    "text": entry.text,
                    "shared": entry.is_shared,
                    "reached": entry.is_done,
                    "written": _iso(entry.created_at),
                }
                for entry in plan.entries.all()
            ],
        }
    return data


def erase(user: Any) -> None:
    """The learning plan goes; enrolments and attendance stay counted, without the person or
    their notes; evaluations stay, no longer linked to anyone."""
    LearningPlan.objects.filter(user=user).delete()
    LearningPlan.objects.filter(companion=user).update(companion=None, share_courses=False)
    EvaluationResponse.objects.filter(enrollment__user=user).update(enrollment=None)
    Enrollment.objects.filter(user=user).update(user=None, hope_note="", intake_note="")
    CourseTrainer.objects.filter(user=user).delete()


def purge_notes(*, cutoff: datetime) -> int:
    """What students wrote when enrolling, and intake messages, of courses that ended before
    `cutoff`. The enrolments themselves stay (counts, certificates)."""
    return (
        Enrollment.objects.filter(course__last_session_ends_at__lt=cutoff)
        .exclude(hope_note="", intake_note="")
        .update(hope_note="", intake_note="")
    )
