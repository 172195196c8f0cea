"""The Recovery College's section of the yearly report: courses and sessions given, students
(each once), completion by the certificate rule (herstelacademie.progress) and evaluations."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huis.core.registry import ReportSection, register_report_section
from huis.core.report.figures import Chart, ChartRow, Figure, Period, Section
from huis.core.report.people import person_key, unique_and_returning

from .models import (
    Attendance,
    Course,
    CourseFormat,
    CourseSession,
    Enrollment,
    EvaluationResponse,
)
from .progress import earns_certificate, progress

SCOPE = "report-herstelacademie"


def _sessions(period: Period):
    return CourseSession.objects.filter(
        course__status=Course.Status.PUBLISHED,
        starts_at__date__gte=period.start,
        starts_at__date__lte=period.end,
    )


def _completion(period: Period) -> tuple[int, int]:
    """Of the students with a place in a course that ended in the period: (how many, how many
    earned the certificate)."""
    now = timezone.now()
    courses = {
        c.pk: c
        for c in Course.objects.filter(
            status=Course.Status.PUBLISHED,
            last_session_ends_at__date__gte=period.start,
            last_session_ends_at__date__lte=period.end,
            last_session_ends_at__lte=now,
        )
    }
    enrollments = list(
        Enrollment.objects.filter(
            course_id__in=courses, cancelled_at__isnull=True, claim__status="confirmed"
        ).select_related("claim")
    )
    sessions = defaultdict(list)
    for session in CourseSession.objects.filter(course_id__in=courses).order_by("starts_at"):
        sessions[session.course_id].append(session)
    attendances = defaultdict(list)
    for row in Attendance.objects.filter(enrollment__in=[e.pk for e in enrollments]):
        attendances[row.enrollment_id].append(row)
    earned = 0
    for enrollment in enrollments:
        course = courses[enrollment.course_id]
        result = progress(
            enrollment=enrollment,
            sessions=sessions[course.pk],
            attendances=attendances[enrollment.pk],
            now=now,
        )
        earned += earns_certificate(course=course, enrollment=enrollment, result=result)
    return len(enrollments), earned


def build(*, period: Period) -> Section:
    sessions = _sessions(period)
    course_ids = sessions.values("course_id")
    courses = Course.objects.filter(pk__in=course_ids)
    enrollments = Enrollment.objects.filter(
        course_id__in=course_ids, cancelled_at__isnull=True, claim__status="confirmed"
    )
    # Students with an account by their address; guests (enrolled by name and email or phone) by
    # what they gave on their place, so a guest and an account with one address are one person.
    keys = [
        person_key(email=email or guest_email or "", phone_digits=guest_phone or "", user_id=uid)
        for uid, email, guest_email, guest_phone in enrollments.values_list(
            "user_id", "user__email", "claim__email", "claim__phone"
        )
    ]
    unique, returning, people = unique_and_returning(keys)
    finished, earned = _completion(period)
    evaluations = EvaluationResponse.objects.filter(course_id__in=course_ids).aggregate(
        n=Count("pk"), overall=Avg("overall")
    )
    formats = dict(CourseFormat.choices)
    by_format = [
        ChartRow(label=str(formats.get(row["format"], row["format"])), value=row["n"])
        for row in courses.values("format").annotate(n=Count("pk")).order_by("-n", "format")
    ]
    overall = evaluations["overall"]
    return Section(
        name="herstelacademie",
        title=_("Recovery College"),
        figures=[
            Figure(
                "courses",
                _("Courses given"),
                courses.count(),
                _("Published courses with at least one session in the period."),
            ),
            Figure(
                "sessions",
                _("Sessions given"),
                sessions.count(),
                _("Sessions of published courses that started in the period."),
            ),
            Figure(
                "enrolments",
                _("Enrolments"),
                enrollments.count(),
                _("Students with a place in those courses (cancelled enrolments not counted)."),
                people=True,
            ),
            Figure(
                "students",
                _("Different students"),
                unique,
                _("Those students, each counted once."),
                people=True,
            ),
            Figure(
                "students_returning",
                _("Students in more than one course"),
                returning,
                _("Of those students: how many followed more than one course."),
                people=True,
            ),
            Figure(
                "finished",
                _("Students in courses that ended"),
                finished,
                _("Students with a place in a course whose last session was in the period."),
                people=True,
            ),
            Figure(
                "completed",
                _("Completed (certificate earned)"),
                earned,
                _(
                    "Of those students: how many attended at least the course's share of the "
                    "sessions held since their place began."
                ),
                people=True,
            ),
            Figure(
                "evaluations",
                _("Course evaluations"),
                evaluations["n"],
                _("Evaluations students gave for those courses."),
                people=True,
            ),
            Figure(
                "evaluation_overall",
                _("Average score for the course (1 to 5)"),
                Decimal(str(round(overall, 1))) if overall is not None else None,
                _("The average answer to 'how was the course for you?', from 1 to 5."),
            ),
        ],
        charts=[Chart(title=_("Courses per format"), rows=by_format)],
        people_keys=people,
    )


def register() -> None:
    from huis.core.versioned_cache import watch
    from huis.places.models import PlaceClaim

    watch(Attendance, EvaluationResponse, PlaceClaim, scopes=[SCOPE])
    register_report_section(
        ReportSection(
            name="herstelacademie",
            title=gettext_lazy("Recovery College"),
            build=build,
            scopes=("herstelacademie", "places", SCOPE),
            code=("herstelacademie.report",),
            order=20,
        )
    )
