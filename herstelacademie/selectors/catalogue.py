"""Public reads: the catalogue, a course's page and the programme of a term."""

from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from huis.accounts.access import is_house

from ..models import (
    SEARCH_CONFIG,
    Course,
    CourseSession,
    CourseTrainer,
    Enrollment,
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


def public_course_list() -> QuerySet[Course]:
    """The published and cancelled courses as rows of their own (no places, themes or
    trainers): for a list of titles and dates kept apart from sign-ups (uitdatabank's)."""
    return Course.objects.filter(status__in=[Course.Status.PUBLISHED, Course.Status.CANCELLED])


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


def enrollment_of_claim(*, claim_id: int) -> Enrollment | None:
    """The enrolment a signed link's place claim belongs to (None: not a course's claim)."""
    return (
        Enrollment.objects.select_related("course__term", "course__offering", "claim", "user")
        .filter(claim_id=claim_id)
        .first()
    )
