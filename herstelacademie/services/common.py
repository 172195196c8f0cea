"""What every part of the Recovery College's services shares: its error and a course's places."""

from huis.core.errors import DomainError
from huis.places import services as places

from ..models import Course


class CourseError(DomainError):
    """A change that cannot be made; the message says why, for the person who tried."""


def configure_places(course: Course) -> None:
    """The course's huis.places offering follows the course: capacity, open, enrolment window."""
    config = places.OfferingSettings(
        capacity=course.max_students,
        is_open=course.status == Course.Status.PUBLISHED,
        opens_at=course.term.enrolment_opens_at,
        closes_at=course.term.enrolment_closes_at,
        max_places_per_claim=1,
    )
    try:
        offering = places.offering_configure(holder=course, config=config)
    except places.PlaceError as exc:
        raise CourseError(str(exc)) from exc
    if course.offering_id != offering.pk:
        course.offering = offering
        course.save(update_fields=["offering"])
