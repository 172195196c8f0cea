"""Reads of the Recovery College, each for an acting user, with the joins and prefetches that
keep every page at a fixed number of queries."""

from dataclasses import dataclass, field
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db.models import Avg, Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from huis.accounts.access import is_house
from huis.places.models import PlaceClaim

from . import progress as progress_rules
from .models import (
    SEARCH_CONFIG,
    Attendance,
    Course,
    CourseSession,
    CourseTrainer,
    Enrollment,
    EvaluationResponse,
    LearningPlan,
    Term,
    Theme,
    search_vector,
)

PAGE_SIZE = 24


def _trainers() -> Prefetch:
    return Prefetch("trainers", queryset=CourseTrainer.objects.select_related("user"))


def _sessions() -> Prefetch:
    return Prefetch("sessions", queryset=CourseSession.objects.select_related("room"))


def public_courses() -> QuerySet[Course]:
    return (
        Course.objects.filter(status__in=[Course.Status.PUBLISHED, Course.Status.CANCELLED])
        .select_related("term", "offering")
        .prefetch_related("themes", _trainers())
    )


@dataclass(frozen=True)
class CatalogueFilters:
    term: Term | None = None
    theme: Theme | None = None
    format: str = ""
    places_left: bool = False
    query: str = ""
    include_past: bool = False


def catalogue(*, user: Any, filters: CatalogueFilters) -> list[Course]:
    """The public catalogue: published courses (and cancelled ones, marked), those not over
    first. At most PAGE_SIZE * 4 courses: a term holds 8 to 12."""
    qs = public_courses()
    if filters.term is not None:
        qs = qs.filter(term=filters.term)
    elif not filters.include_past:
        qs = qs.filter(Q(last_session_ends_at__gt=timezone.now()) | Q(last_session_ends_at=None))
    if filters.theme is not None:
        qs = qs.filter(themes=filters.theme)
    if filters.format:
        qs = qs.filter(format=filters.format)
    if filters.places_left:
        qs = qs.filter(status=Course.Status.PUBLISHED, offering__taken__lt=F("offering__capacity"))
    if filters.query:
        search = SearchQuery(filters.query, config=SEARCH_CONFIG, search_type="websearch")
        qs = qs.annotate(search=search_vector()).filter(
            Q(search=search) | Q(title__icontains=filters.query)
        )
    return list(qs.order_by("first_session_at", "title", "pk")[: PAGE_SIZE * 4])


def terms() -> list[Term]:
    return list(Term.objects.order_by("-starts_on")[:20])


def themes() -> list[Theme]:
    return list(Theme.objects.order_by("name"))


def course_for_page(*, user: Any, pk: int) -> Course | None:
    """One course for its public page; drafts only for the house's people and its trainers."""
    qs = Course.objects.select_related("term", "offering").prefetch_related(
        "themes", _trainers(), _sessions()
    )
    course = qs.filter(pk=pk).first()
    if course is None:
        return None
    if course.status == Course.Status.DRAFT and not (
        is_house.test(user)
        or any(t.user_id == getattr(user, "pk", None) for t in course.trainers.all())
    ):
        return None
    return course


def own_enrollment(*, user: Any, course: Course) -> Enrollment | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Enrollment.objects.select_related("claim")
        .filter(course=course, user=user, cancelled_at__isnull=True)
        .order_by("-id")
        .first()
    )


def programme(*, term: Term) -> list[Course]:
    """Every published course of a term, with sessions and trainers, for the printed programme."""
    return list(
        Course.objects.filter(term=term, status=Course.Status.PUBLISHED)
        .select_related("offering")
        .prefetch_related("themes", _trainers(), _sessions())
        .order_by("first_session_at", "title", "pk")
    )


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


def plan_of(*, user: Any) -> "LearningPlan":
    """The person's learning plan for reading: the saved one, or an empty unsaved one (reading a
    page never writes; the plan is saved with the first goal, note or companion)."""
    from .models import LearningPlan

    return LearningPlan.objects.filter(user=user).select_related("companion").first() or (
        LearningPlan(user=user)
    )
