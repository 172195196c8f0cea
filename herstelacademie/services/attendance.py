"""Attendance per session: taken by the trainers, or announced in advance by the student."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action

from .. import notify
from ..models import Attendance, CourseSession, Enrollment
from .common import CourseError
from .enrollments import lock_enrollment

EARLY_CHECK_IN = dt.timedelta(hours=1)


@transaction.atomic
def attendance_record(
    *, session: CourseSession, enrollment: Enrollment, status: str, actor: Any
) -> Attendance:
    """Present, late, excused or absent, for one student at one session (replaces an earlier
    answer). Only for students who had their place when the session began."""
    if status not in Attendance.Status.values:
        raise CourseError(_("Choose present, late, excused or absent."))
    if enrollment.course_id != session.course_id:
        raise CourseError(_("This student is not enrolled for this course."))
    if session.starts_at - EARLY_CHECK_IN > timezone.now():
        raise CourseError(_("You can take attendance from one hour before the session."))
    since = enrollment.place_since
    if not enrollment.is_open or since is None:
        raise CourseError(_("This student has no place in the course."))
    if session.starts_at < since:
        raise CourseError(_("This session was held before the student enrolled."))
    attendance, created = Attendance.objects.update_or_create(
        session=session, enrollment=enrollment, defaults={"status": status, "recorded_by": actor}
    )
    log_action(
        actor=actor,
        action="herstelacademie.attendance",
        obj=attendance,
        subject=enrollment.user,
        data={"status": status, "new": created},
    )
    return attendance


def _check_own_upcoming(session: CourseSession, enrollment: Enrollment) -> None:
    if enrollment.course_id != session.course_id:
        raise CourseError(_("This student is not enrolled for this course."))
    if session.has_started:
        raise CourseError(_("This session has already begun."))
    if not enrollment.has_place:
        raise CourseError(_("This student has no place in the course."))


@transaction.atomic
def absence_announce(*, session: CourseSession, enrollment: Enrollment, actor: Any) -> Attendance:
    """The student says in advance they cannot come: the session is marked excused (the
    trainers see it in the register and may still change it) and its reminder is cancelled."""
    enrollment = lock_enrollment(enrollment)
    _check_own_upcoming(session, enrollment)
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        enrollment=enrollment,
        defaults={"status": Attendance.Status.EXCUSED, "recorded_by": actor},
    )
    from huis.notifications.services import notification_cancel

    notification_cancel(key_prefix=notify.reminder_prefix(session, enrollment))
    log_action(
        actor=actor,
        action="herstelacademie.absence_announced",
        obj=attendance,
        subject=enrollment.user,
    )
    return attendance


@transaction.atomic
def absence_withdraw(*, session: CourseSession, enrollment: Enrollment, actor: Any) -> None:
    """The student can come after all: the excuse goes, the reminder comes back."""
    enrollment = lock_enrollment(enrollment)
    _check_own_upcoming(session, enrollment)
    deleted, _rows = Attendance.objects.filter(
        session=session, enrollment=enrollment, status=Attendance.Status.EXCUSED
    ).delete()
    if not deleted:
        raise CourseError(_("You had not said you cannot come."))
    notify.schedule_reminder(enrollment, session, again=True)
    log_action(
        actor=actor,
        action="herstelacademie.absence_withdrawn",
        obj=enrollment,
        subject=enrollment.user,
    )
