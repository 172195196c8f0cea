"""How far a student got in a course, and whether that earns a certificate.

Pure functions over rows that are already loaded, so pages can compute them for many students
without extra queries. The rule: a session counts only when it was held after the student's place
began (sessions held before they enrolled never count as absences); present and late count as
attended; the share attended of the counted sessions must reach the course's certificate share.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone

from .models import Attendance, Course, CourseSession, Enrollment


@dataclass
class Progress:
    counted: int = 0  # sessions held since the place began
    attended: int = 0  # present or late
    late: int = 0
    excused: int = 0
    absent: int = 0
    not_recorded: int = 0
    upcoming: int = 0
    rows: list[tuple[CourseSession, str]] = field(default_factory=list)  # (session, status)

    @property
    def next_session(self) -> CourseSession | None:
        return next((s for s, status in self.rows if status.startswith("upcoming")), None)

    @property
    def percent(self) -> int:
        return round(100 * self.attended / self.counted) if self.counted else 0


def progress(
    *,
    enrollment: Enrollment,
    sessions: Iterable[CourseSession],
    attendances: Iterable[Attendance],
    now: datetime | None = None,
) -> Progress:
    """Attendance of one enrolment. Status per session: present, late, excused, absent,
    "" (not recorded), "before" (held before the place began), "upcoming", "upcoming_excused"
    (the student said in advance they cannot come)."""
    now = now or timezone.now()
    by_session = {a.session_id: a.status for a in attendances}
    since = enrollment.place_since
    result = Progress()
    for session in sessions:
        if session.starts_at > now:
            result.upcoming += 1
            excused = by_session.get(session.pk) == Attendance.Status.EXCUSED
            result.rows.append((session, "upcoming_excused" if excused else "upcoming"))
            continue
        if since is None or session.starts_at < since:
            result.rows.append((session, "before"))
            continue
        status = by_session.get(session.pk, "")
        result.counted += 1
        if status in (Attendance.Status.PRESENT, Attendance.Status.LATE):
            result.attended += 1
            if status == Attendance.Status.LATE:
                result.late += 1
        elif status == Attendance.Status.EXCUSED:
            result.excused += 1
        elif status == Attendance.Status.ABSENT:
            result.absent += 1
        else:
            result.not_recorded += 1
        result.rows.append((session, status))
    return result


def earns_certificate(*, course: Course, enrollment: Enrollment, result: Progress) -> bool:
    """The course is over, the student had a place, and attended at least the course's share
    of the sessions that counted for them."""
    if not course.is_over or not enrollment.has_place or result.counted == 0:
        return False
    return result.attended * 100 >= course.certificate_share * result.counted
