"""Reads of mijn leertraject: the student's courses, attendance and certificates, what a learning
companion may see, and the student's own enrolments and entries for the pages that change them."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .. import progress as progress_rules
from ..models import Course, CourseSession, Enrollment, LearningEntry, LearningPlan

# --- Mijn leertraject --------------------------------------------------------------------------


@dataclass
class PlanRow:
    enrollment: Enrollment
    course: Course
    progress: progress_rules.Progress
    certificate: bool


@dataclass
class PlanOverview:
    current: list[PlanRow] = field(default_factory=list)
    followed: list[PlanRow] = field(default_factory=list)
    other: list[PlanRow] = field(default_factory=list)  # waiting, intake, declined, cancelled


def plan_overview(*, user: Any) -> PlanOverview:
    """A student's courses with their attendance and certificates, in a fixed number of queries."""
    enrollments = list(
        Enrollment.objects.filter(user=user)
        .select_related("course__term", "claim")
        .prefetch_related(
            Prefetch("course__sessions", queryset=CourseSession.objects.select_related("room")),
            "attendances",
        )
        .order_by("-created_at")
    )
    overview = PlanOverview()
    now = timezone.now()
    for enrollment in enrollments:
        course = enrollment.course
        result = progress_rules.progress(
            enrollment=enrollment,
            sessions=course.sessions.all(),
            attendances=enrollment.attendances.all(),
            now=now,
        )
        row = PlanRow(
            enrollment=enrollment,
            course=course,
            progress=result,
            certificate=progress_rules.earns_certificate(
                course=course, enrollment=enrollment, result=result
            ),
        )
        if enrollment.state == "confirmed" and not course.is_cancelled:
            (overview.followed if course.is_over else overview.current).append(row)
        else:
            overview.other.append(row)
    return overview


def own_enrollment_for_certificate(*, enrollment: Enrollment) -> PlanRow:
    course = enrollment.course
    result = progress_rules.progress(
        enrollment=enrollment,
        sessions=course.sessions.all(),
        attendances=enrollment.attendances.all(),
    )
    return PlanRow(
        enrollment=enrollment,
        course=course,
        progress=result,
        certificate=progress_rules.earns_certificate(
            course=course, enrollment=enrollment, result=result
        ),
    )


def accompanies_someone(*, user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return LearningPlan.objects.filter(companion=user).exists()


def companion_students(*, user: Any) -> list[LearningPlan]:
    return list(
        LearningPlan.objects.filter(companion=user)
        .select_related("user")
        .order_by("user__display_name")
    )


def plan_of(*, user: Any) -> "LearningPlan":
    """The person's learning plan for reading: the saved one, or an empty unsaved one (reading a
    page never writes; the plan is saved with the first goal, note or companion)."""
    return LearningPlan.objects.filter(user=user).select_related("companion").first() or (
        LearningPlan(user=user)
    )


def own_enrollments(*, user: Any) -> QuerySet[Enrollment]:
    """The student's own enrolments (course enrolments only: never another function's claim).
    Narrowed to the person in the query itself, as superusers pass every rule: nobody else,
    administrators neither, learns that one exists (404)."""
    return (
        Enrollment.objects.filter(user_id=getattr(user, "pk", None))
        .select_related("course__term", "claim", "user")
        .prefetch_related("course__sessions", "attendances", "course__trainers__user")
    )


def own_entries(*, user: Any) -> QuerySet[LearningEntry]:
    """The goals and notes of the student's own learning plan."""
    return LearningEntry.objects.filter(plan__user_id=getattr(user, "pk", None)).select_related(
        "plan"
    )


def plans_shared_with(*, user: Any) -> QuerySet[LearningPlan]:
    """The learning plans of the students who chose `user` as their learning companion."""
    return LearningPlan.objects.filter(companion_id=getattr(user, "pk", None)).select_related(
        "user"
    )
