"""A course's sessions: added, moved or removed, with their room booked through huis.rooms."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.places.models import PlaceClaim
from huis.rooms.models import Room
from huis.rooms.services import RoomError, booking_release, booking_set

from .. import notify
from ..models import Course, CourseSession, Enrollment
from .common import CourseError


def _refresh_dates(course: Course) -> bool:
    """Keep the course's first and last moments right; True when the last one moved."""
    span = course.sessions.aggregate(first=Min("starts_at"), last=Max("ends_at"))
    moved = span["last"] != course.last_session_ends_at
    course.first_session_at, course.last_session_ends_at = span["first"], span["last"]
    course.save(update_fields=["first_session_at", "last_session_ends_at"])
    return moved


def _students_with_place(course: Course) -> list[Enrollment]:
    return list(
        course.enrollments.select_related("user", "claim").filter(
            cancelled_at__isnull=True, claim__status=PlaceClaim.Status.CONFIRMED
        )
    )


@transaction.atomic
def session_save(
    *,
    course: Course,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    room: Room | None,
    actor: Any,
    location: str = "",
    topic: str = "",
    session: CourseSession | None = None,
) -> CourseSession:
    """Add or move a session. Its room is booked through huis.rooms: a clash with an activity or
    another session is refused and named. Reminders follow the session."""
    if course.is_cancelled:
        raise CourseError(_("This course is cancelled. It cannot be changed any more."))
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValueError("Sessions need aware datetimes.")
    if ends_at <= starts_at:
        raise CourseError(_("The end must be after the start."), field="ends")
    if room is None and not location.strip():
        raise CourseError(_("Choose a room, or say where the session takes place."), field="room")
    session = session or CourseSession(course=course)
    moved = session.pk is None or session.starts_at != starts_at
    # A planned session that changes time (not a new one) is news for the students.
    old_start = session.starts_at if session.pk else None
    retimed = session.pk is not None and (session.starts_at, session.ends_at) != (
        starts_at,
        ends_at,
    )
    session.starts_at, session.ends_at = starts_at, ends_at
    session.room, session.location, session.topic = room, location.strip(), topic.strip()
    session.save()
    try:
        booking_set(holder=session, room=room, start=starts_at, end=ends_at, label=course.title)
    except RoomError as exc:
        raise CourseError(str(exc)) from exc
    last_moved = _refresh_dates(course)
    students = _students_with_place(course)
    if moved:
        notify.session_changed(session, students)
    if last_moved:
        notify.evaluation_moved(course, students)
    told = 0
    if retimed and course.status == Course.Status.PUBLISHED:
        told = notify.session_moved(session, old_start=old_start)
    log_action(
        actor=actor, action="herstelacademie.session_saved", obj=session, data={"told": told}
    )
    return session


@transaction.atomic
def session_delete(*, session: CourseSession, actor: Any) -> None:
    course = session.course
    if session.attendances.exists():
        raise CourseError(_("Attendance was taken for this session. It cannot be removed."))
    booking_release(holder=session)
    notify.session_removed(session)
    log_action(actor=actor, action="herstelacademie.session_deleted", obj=session)
    session.delete()
    if _refresh_dates(course):
        notify.evaluation_moved(course, _students_with_place(course))
