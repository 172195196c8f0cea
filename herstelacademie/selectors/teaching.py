"""Reads for the trainers (their courses, students, registers, evaluations) and for the house's
people who plan terms, courses and sessions."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet

from huis.accounts.access import is_house
from huis.places.models import PlaceClaim

from .. import progress as progress_rules
from ..models import (
    Attendance,
    Course,
    CourseSession,
    Enrollment,
    EvaluationResponse,
    Term,
)
from .catalogue import _trainers

# --- Trainers ----------------------------------------------------------------------------------


def courses_to_teach(*, user: Any) -> list[Course]:
    """The user's own courses; the house's people see every course not over (and the last
    finished ones), so they can stand in for a trainer."""
    qs = (
        Course.objects.exclude(status=Course.Status.CANCELLED)
        .select_related("term", "offering")
        .prefetch_related(_trainers())
        .annotate(
            intakes=Count(
                "enrollments",
                filter=Q(
                    enrollments__intake=Enrollment.Intake.PENDING,
                    enrollments__cancelled_at__isnull=True,
                ),
            )
        )
    )
    if not is_house.test(user):
        qs = qs.filter(trainers__user=user)
    return list(qs.order_by("-term__starts_on", "first_session_at", "pk")[:100])


@dataclass
class StudentRow:
    enrollment: Enrollment
    progress: progress_rules.Progress
    certificate: bool


def course_students(*, course: Course) -> dict[str, list]:
    """The students of a course, grouped: with a place (with attendance), waiting, intake."""
    enrollments = list(
        course.enrollments.filter(cancelled_at__isnull=True)
        .select_related("user", "claim")
        .prefetch_related("attendances")
        .order_by("created_at", "pk")
    )
    sessions = list(course.sessions.all())
    groups: dict[str, list] = {"confirmed": [], "waiting": [], "intake": []}
    for enrollment in enrollments:
        state = enrollment.state
        if state == "confirmed":
            result = progress_rules.progress(
                enrollment=enrollment, sessions=sessions, attendances=enrollment.attendances.all()
            )
            groups["confirmed"].append(
                StudentRow(
                    enrollment=enrollment,
                    progress=result,
                    certificate=progress_rules.earns_certificate(
                        course=course, enrollment=enrollment, result=result
                    ),
                )
            )
        elif state in ("waiting", "offered"):
            groups["waiting"].append(enrollment)
        elif state == "intake":
            groups["intake"].append(enrollment)
    groups["waiting"].sort(key=lambda e: (e.claim.rank, e.claim.pk))
    return groups


def session_register(*, session: CourseSession) -> list[tuple[Enrollment, str, bool]]:
    """The attendance list of one session: (enrolment, status, may be recorded) per student with
    a place. Students whose place began after the session are listed but not recordable."""
    enrollments = list(
        session.course.enrollments.filter(
            cancelled_at__isnull=True, claim__status=PlaceClaim.Status.CONFIRMED
        )
        .select_related("user", "claim")
        .order_by("user__display_name", "pk")
    )
    marks = dict(Attendance.objects.filter(session=session).values_list("enrollment_id", "status"))
    return [
        (e, marks.get(e.pk, ""), e.claim.confirmed_at <= session.starts_at) for e in enrollments
    ]


@dataclass
class EvaluationResults:
    count: int
    overall: float | None
    useful: float | None
    trainers: float | None
    comments: list[str]
    invited: int


def evaluation_results(*, course: Course) -> EvaluationResults:
    agg = EvaluationResponse.objects.filter(course=course).aggregate(
        n=Count("pk"), overall=Avg("overall"), useful=Avg("useful"), trainers=Avg("trainers")
    )
    comments = list(
        EvaluationResponse.objects.filter(course=course)
        .exclude(comment="")
        .order_by("-created_at")
        .values_list("comment", flat=True)[:200]
    )
    invited = course.enrollments.filter(
        cancelled_at__isnull=True, claim__status=PlaceClaim.Status.CONFIRMED
    ).count()
    return EvaluationResults(
        count=agg["n"],
        overall=agg["overall"],
        useful=agg["useful"],
        trainers=agg["trainers"],
        comments=comments,
        invited=invited,
    )


# --- Staff -------------------------------------------------------------------------------------


def staff_courses(*, term: Term | None) -> list[Course]:
    qs = Course.objects.select_related("term", "offering").prefetch_related(_trainers())
    if term is not None:
        qs = qs.filter(term=term)
    return list(qs.order_by("-term__starts_on", "first_session_at", "title", "pk")[:200])


# --- One object for a page, narrowed to the user (huis.accounts.mixins.ObjectAccessMixin) ------


def _taught_by(user: Any, qs: QuerySet, trainers: str) -> QuerySet:
    """The house's people see every course; a trainer only the courses they train."""
    if is_house.test(user):
        return qs
    return qs.filter(**{trainers: getattr(user, "pk", None)})


def course_to_teach(*, user: Any) -> QuerySet[Course]:
    return _taught_by(
        user,
        Course.objects.select_related("term", "offering").prefetch_related("trainers__user"),
        "trainers__user",
    )


def session_to_teach(*, user: Any) -> QuerySet[CourseSession]:
    return _taught_by(
        user,
        CourseSession.objects.select_related("course", "room").prefetch_related("course__trainers"),
        "course__trainers__user",
    )


def enrollment_to_teach(*, user: Any) -> QuerySet[Enrollment]:
    return _taught_by(
        user,
        Enrollment.objects.select_related("course", "user", "claim").prefetch_related(
            "course__trainers"
        ),
        "course__trainers__user",
    )


def student_of_session(*, session: CourseSession, pk: int) -> Enrollment | None:
    """An enrolment of the session's own course, for its register; None for any other."""
    return (
        Enrollment.objects.select_related("claim", "user")
        .filter(pk=pk, course_id=session.course_id)
        .first()
    )


def courses_to_manage(*, user: Any) -> QuerySet[Course]:
    """Courses for the house's people who plan them (everyone else: none)."""
    qs = Course.objects.select_related("term", "offering")
    return qs if is_house.test(user) else qs.none()


def sessions_to_manage(*, user: Any) -> QuerySet[CourseSession]:
    qs = CourseSession.objects.select_related("course", "room")
    return qs if is_house.test(user) else qs.none()


def terms_to_manage(*, user: Any) -> QuerySet[Term]:
    return Term.objects.all() if is_house.test(user) else Term.objects.none()
