"""Five years of the Recovery College for the benchmark (`manage.py seed_scale`).

Three terms a year. A course of k sessions holds one weekly slot (classroom x weekday x time of
day) for k consecutive weeks, and every slot is handed out once per week, so no classroom is ever
booked twice (the database's exclusion constraint on room bookings checks it on insert). Trainers
come in pairs, an expert by experience and a professional; a pair belongs to one classroom and time
of day per term, so nobody teaches in two places at once. Places are counted as huis.places would:
confirmed places never above the capacity, `taken` equals the confirmed enrolments, the rest wait.
"""

import datetime as dt
import heapq
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from django.utils.text import slugify

from huis.accounts.roles import Role
from huis.core.registry import register_scale_seeder
from huis.places.models import PlaceClaim, PlaceOffering
from huis.rooms.models import Room, RoomBooking

from .models import (
    Course,
    CourseFormat,
    CourseSession,
    CourseTrainer,
    Enrollment,
    Term,
    Theme,
    TrainerRole,
)

TZ = ZoneInfo("Europe/Brussels")
TERMS_PER_YEAR = 3
TERM_STARTS = (2, 6, 9)  # months: spring, summer, autumn
WEEKS = 14  # weeks of teaching in a term
CLASSROOMS = 6
TIMES = [
    (dt.time(9, 30), dt.time(12)),
    (dt.time(13, 30), dt.time(16)),
    (dt.time(18, 30), dt.time(21)),
]
WEEKDAYS = 5
EXPERTS = 40
PROFESSIONALS = 40
THEMES = [
    ("herstel", "Herstel"),
    ("zelfzorg", "Zelfzorg"),
    ("relaties", "Relaties en familie"),
    ("werk", "Werk en dagbesteding"),
    ("creatief", "Creatief"),
    ("lichaam", "Lichaam en beweging"),
]
TITLES = [
    "Wat is herstel?",
    "Mijn verhaal, mijn kracht",
    "Omgaan met stress",
    "Grenzen stellen",
    "Goed slapen",
    "Leven met stemmen",
    "Mindfulness voor beginners",
    "Veerkracht",
    "Werk en herstel",
    "Familie en herstel",
    "Zelfzorg in kleine stappen",
    "Eenzaamheid doorbreken",
    "Creatief schrijven over herstel",
    "Wandelen en praten",
    "Je eigen crisisplan",
    "Rouw en verlies",
]


def _first_monday(year: int, month: int) -> dt.date:
    day = dt.date(year, month, 1)
    return day + dt.timedelta(days=(7 - day.weekday()) % 7)


def _wall(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=TZ)


def _terms(today: dt.date, count: int) -> list[Term]:
    """`count` terms, the last ones still to come: five years ending half a year from now."""
    first_day = today - dt.timedelta(days=round(1826 * 0.9))
    starts = [
        _first_monday(year, month)
        for year in range(first_day.year, today.year + 3)
        for month in TERM_STARTS
    ]
    starts = [s for s in starts if s >= first_day][:count]
    names = {2: "voorjaar", 6: "zomer", 9: "najaar"}
    return [
        Term(
            name=f"{names[start.month].capitalize()} {start.year}",
            slug=f"{names[start.month]}-{start.year}",
            starts_on=start,
            ends_on=start + dt.timedelta(weeks=WEEKS) - dt.timedelta(days=1),
            # Enrolment opens three months ahead and stays open for the first weeks.
            enrolment_opens_at=_wall(start - dt.timedelta(days=90), dt.time(9)),
            enrolment_closes_at=_wall(start + dt.timedelta(days=21), dt.time(17)),
            introduction="Cursussen over herstel, gemaakt en gegeven door ervaringsdeskundigen "
            "en professionals samen. Iedereen is welkom.",
        )
        for start in starts
    ]


def _session_counts(n_courses: int, n_sessions: int, rng) -> list[int]:
    """Sessions per course, summing exactly to n_sessions: every fifth course is a single
    workshop or lecture, the others weekly series of about the same length."""
    singles = [n % 5 == 4 for n in range(n_courses)]
    n_series = singles.count(False)
    rest = n_sessions - singles.count(True)
    if n_series == 0 or rest < n_series:
        return [max(1, n_sessions // max(n_courses, 1))] * n_courses
    base, extra = divmod(rest, n_series)
    lengths = [base + (k < extra) for k in range(n_series)]
    for k in range(0, n_series - 1, 2):  # vary the lengths in pairs; the sum stays the same
        shift = rng.randint(0, 2)
        if lengths[k] - shift >= 2 and lengths[k + 1] + shift <= WEEKS:
            lengths[k] -= shift
            lengths[k + 1] += shift
    if max(lengths) > WEEKS:
        raise ValueError("Too many sessions per course for the weeks of a term.")
    series = iter(lengths)
    return [1 if single else next(series) for single in singles]


def _trainers(people: list[int]) -> tuple[list[int], list[int]]:
    """Experts and professionals taken from the end of the crowd (the start holds the partners'
    workers), with the roles that let them teach."""
    pool = people[-(EXPERTS + PROFESSIONALS) :]
    experts, professionals = pool[:EXPERTS], pool[EXPERTS:]
    groups = {g.name: g for g in Group.objects.filter(name__in=[Role.EXPERT, Role.STAFF])}
    through = get_user_model().groups.through
    through.objects.bulk_create(
        [through(user_id=pk, group_id=groups[Role.EXPERT].pk) for pk in experts]
        + [through(user_id=pk, group_id=groups[Role.STAFF].pk) for pk in professionals],
        ignore_conflicts=True,
    )
    return experts, professionals


@register_scale_seeder("herstelacademie", order=30)
def seed(*, sizes: dict[str, int], rng, stdout) -> None:
    n_courses, n_sessions = sizes["courses"], sizes["course_sessions"]
    if not n_courses:
        return
    today = timezone.localdate()
    now = timezone.now()
    terms = Term.objects.bulk_create(_terms(today, 5 * TERMS_PER_YEAR))
    themes = Theme.objects.bulk_create(Theme(slug=slug, name=name) for slug, name in THEMES)
    rooms = Room.objects.bulk_create(
        Room(name=f"Leslokaal {n + 1}", slug=f"leslokaal-{n + 1}", capacity=24, step_free=True)
        for n in range(CLASSROOMS)
    )
    people = list(
        get_user_model()
        .objects.exclude(email__startswith="bench-")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    experts, professionals = _trainers(people)
    students = people[: len(people) - EXPERTS - PROFESSIONALS] or people

    counts = _session_counts(n_courses, n_sessions, rng)
    slots = [
        (r, t, d) for r in range(CLASSROOMS) for t in range(len(TIMES)) for d in range(WEEKDAYS)
    ]
    courses: list[Course] = []
    plans: list[tuple[int, tuple[int, int, int], int, int]] = []  # term, slot, first week, k
    per_term = -(-n_courses // len(terms))
    for term_index, term in enumerate(terms):
        # The slot that frees up first takes the next course: a heap of (next free week, slot).
        free = [(0, n) for n in range(len(slots))]
        heapq.heapify(free)
        first, last = term_index * per_term, min((term_index + 1) * per_term, n_courses)
        for n in range(first, last):
            k = counts[n]
            week, slot = heapq.heappop(free)
            if week + k > WEEKS:
                raise ValueError("Too many course sessions for the classrooms of the benchmark.")
            heapq.heappush(free, (week + k, slot))
            plans.append((term_index, slots[slot], week, k))
            title = TITLES[n % len(TITLES)]
            future = term.starts_on > today
            roll = rng.random()
            status = (
                Course.Status.CANCELLED
                if roll < 0.03
                else Course.Status.DRAFT
                if future and roll < 0.10
                else Course.Status.PUBLISHED
            )
            fmt = (
                CourseFormat.SERIES
                if k > 1
                else (CourseFormat.WORKSHOP if n % 2 else CourseFormat.LECTURE)
            )
            courses.append(
                Course(
                    term=term,
                    title=title,
                    slug=slugify(title),
                    summary=f"{title}: samen leren, op je eigen tempo.",
                    learning_goals="Je leert van je eigen ervaring.\nJe leert van anderen.",
                    format=fmt,
                    max_students=rng.randint(8, 20),
                    requires_intake=n % 10 == 3,
                    status=status,
                )
            )
    # Sessions first in memory: the course's first and last moment come from them.
    sessions_of: list[list[CourseSession]] = []
    for course, (term_index, (room, time, weekday), week, k) in zip(courses, plans, strict=True):
        start = terms[term_index].starts_on + dt.timedelta(days=weekday)
        begins, ends = TIMES[time]
        own = [
            CourseSession(
                starts_at=_wall(start + dt.timedelta(weeks=week + w), begins),
                ends_at=_wall(start + dt.timedelta(weeks=week + w), ends),
                room=rooms[room],
                topic=f"Deel {w + 1}" if k > 1 else "",
            )
            for w in range(k)
        ]
        course.first_session_at = own[0].starts_at
        course.last_session_ends_at = own[-1].ends_at
        sessions_of.append(own)
    Course.objects.bulk_create(courses, batch_size=2000)
    for course, own in zip(courses, sessions_of, strict=True):
        for session in own:
            session.course = course
    sessions = CourseSession.objects.bulk_create(
        (s for own in sessions_of for s in own), batch_size=5000
    )
    session_type = ContentType.objects.get_for_model(CourseSession)
    RoomBooking.objects.bulk_create(
        (
            RoomBooking(
                room_id=s.room_id,
                period=DateTimeTZRange(s.starts_at, s.ends_at),
                label=s.course.title,
                holder_type=session_type,
                holder_id=s.pk,
            )
            for s in sessions
        ),
        batch_size=5000,
    )

    trainers = []
    for course, (term_index, (room, time, _weekday), _week, _k) in zip(courses, plans, strict=True):
        pair = term_index * CLASSROOMS * len(TIMES) + room * len(TIMES) + time
        trainers.append(
            CourseTrainer(course=course, user_id=experts[pair % EXPERTS], role=TrainerRole.EXPERT)
        )
        trainers.append(
            CourseTrainer(
                course=course,
                user_id=professionals[(pair + 13) % PROFESSIONALS],
                role=TrainerRole.PROFESSIONAL,
            )
        )
    CourseTrainer.objects.bulk_create(trainers, batch_size=5000)
    through = Course.themes.through
    through.objects.bulk_create(
        (
            through(course_id=c.pk, theme_id=themes[(n + k) % len(themes)].pk)
            for n, c in enumerate(courses)
            for k in range(1 + n % 2)
        ),
        batch_size=5000,
    )

    course_type = ContentType.objects.get_for_model(Course)
    offerings = PlaceOffering.objects.bulk_create(
        (
            PlaceOffering(
                holder_type=course_type,
                holder_id=c.pk,
                capacity=c.max_students,
                is_open=c.status == Course.Status.PUBLISHED,
                opens_at=c.term.enrolment_opens_at,
                closes_at=c.term.enrolment_closes_at,
                max_places_per_claim=1,
            )
            for c in courses
        ),
        batch_size=5000,
    )
    for course, offering in zip(courses, offerings, strict=True):
        course.offering = offering
    Course.objects.bulk_update(courses, ["offering"], batch_size=5000)

    _enrol(courses, students=students, wanted=sizes["enrolments"], rng=rng, now=now)
    stdout.write(
        f"    {len(terms)} terms, {len(courses)} courses, {len(sessions)} sessions, "
        f"{len(trainers)} trainers, {Enrollment.objects.count()} enrolments"
    )


def _enrol(courses: list[Course], *, students: list[int], wanted: int, rng, now) -> None:
    """Enrolments of published courses, about as many per course, summing exactly to `wanted`:
    the first come get a place up to the capacity, the rest wait; some cancelled, some (with an
    intake, in a course still to come) wait for their intake."""
    published = [
        c
        for c in courses
        if c.status == Course.Status.PUBLISHED and c.term.enrolment_opens_at <= now
    ]
    if not published or not wanted:
        return
    base, extra = divmod(wanted, len(published))
    per_course = [base + (k < extra) for k in range(len(published))]
    for k in range(0, len(published) - 1, 2):
        shift = rng.randint(0, min(base // 2, per_course[k]))
        per_course[k] -= shift
        per_course[k + 1] += shift
    if max(per_course) > len(students):
        raise ValueError("More enrolments in one course than people in the benchmark's house.")
    claims: list[PlaceClaim] = []
    enrollments: list[Enrollment] = []
    for course, count in zip(published, per_course, strict=True):
        start = rng.randrange(len(students))
        used = 0
        pending_intake = course.requires_intake and course.first_session_at > now
        for k in range(count):
            user_id = students[(start + k) % len(students)]
            enrollment = Enrollment(course=course, user_id=user_id, hope_note="")
            enrollments.append(enrollment)
            if course.requires_intake:
                if pending_intake and k % 4 == 3:
                    enrollment.intake = Enrollment.Intake.PENDING
                    continue
                enrollment.intake = Enrollment.Intake.APPROVED
            cancelled = rng.random() < 0.05
            confirmed = not cancelled and used < course.max_students
            if confirmed:
                used += 1
            if cancelled:
                enrollment.cancelled_at = min(
                    course.term.enrolment_opens_at + dt.timedelta(days=30), now
                )
            status = (
                PlaceClaim.Status.CANCELLED
                if cancelled
                else PlaceClaim.Status.CONFIRMED
                if confirmed
                else PlaceClaim.Status.WAITING
            )
            claim = PlaceClaim(
                offering_id=course.offering_id,
                user_id=user_id,
                name="Student",
                language="nl",
                places=1,
                status=status,
                rank=k,
                confirmed_at=(
                    course.term.enrolment_opens_at + dt.timedelta(days=1) if confirmed else None
                ),
                cancelled_at=enrollment.cancelled_at,
            )
            claims.append(claim)
            enrollment.claim = claim
        course.offering.taken = used
    PlaceClaim.objects.bulk_create(claims, batch_size=5000)
    for enrollment in enrollments:
        if enrollment.claim is not None:
            enrollment.claim_id = enrollment.claim.pk
    Enrollment.objects.bulk_create(enrollments, batch_size=5000)
    PlaceOffering.objects.bulk_update(
        [c.offering for c in published if c.offering.taken], ["taken"], batch_size=5000
    )
    # Enrolled some weeks before the term, not "now" (bulk_create stamps auto_now_add fields).
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {Enrollment._meta.db_table} AS e
            SET created_at = t.enrolment_opens_at + (e.id %% %s) * interval '1 day'
            FROM {Course._meta.db_table} AS c JOIN {Term._meta.db_table} AS t ON t.id = c.term_id
            WHERE c.id = e.course_id
            """,  # noqa: S608 (our table names)
            [40],
        )
