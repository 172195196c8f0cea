"""Demo Recovery College: one full term of ten courses around today.

Some courses are over (with attendance, certificates and evaluations), some are running, some
are still to come; one needs an intake, one is full with a waiting list. Everything goes through
the services, so places, waiting lists, room bookings and reminders are as real as in use.
Idempotent: a course is recognised by its term and title, so a second run adds nothing.
"""

import datetime as dt

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db.models import F, Max, Min
from django.utils import timezone

from huis.accounts.models import User
from huis.accounts.roles import Role
from huis.core.registry import register_demo_seeder
from huis.places.models import PlaceClaim
from huis.rooms.models import Room
from huis.rooms.services import RoomError, booking_set

from . import notify, services
from .models import Course, CourseSession, Enrollment, Term, Theme

THEMES = [
    ("herstel", "Herstel"),
    ("zelfzorg", "Zelfzorg"),
    ("relaties", "Relaties en familie"),
    ("werk", "Werk en dagbesteding"),
    ("creatief", "Creatief"),
]

# Extra fictional people: trainers and students of the Recovery College.
PEOPLE = [
    ("docent.jonas@huis.example", "Jonas", Role.EXPERT),
    ("docent.mira@huis.example", "Mira", Role.EXPERT),
    ("student.ahmed@huis.example", "Ahmed", Role.VISITOR),
    ("student.lien@huis.example", "Lien", Role.VISITOR),
    ("student.karel@huis.example", "Karel", Role.VISITOR),
    ("student.fatima@huis.example", "Fatima", Role.VISITOR),
    ("student.ruben@huis.example", "Ruben", Role.VISITOR),
    ("student.greet@huis.example", "Greet", Role.VISITOR),
    ("student.tom@huis.example", "Tom", Role.VISITOR),
]

ACCESS = "Het lokaal is bereikbaar met de lift. Er is een ringleiding. Je mag altijd even buiten."

# title, format, themes, first day from today, number of weekly sessions, start hour, places,
# intake, expert, professional, summary, learning goals
COURSES = [
    ("Wat is herstel?", "lecture", ["herstel"], -42, 1, 19, 30, False, "ervaringsdeskundige",
     "medewerker", "Een avond over herstel: wat het is, en wat het niet is.",
     "Je weet wat herstel betekent.\nJe hoort hoe anderen herstellen."),
    ("Mijn verhaal, mijn kracht", "series", ["herstel"], -35, 4, 10, 10, False,
     "ervaringsdeskundige", "coordinator", "Je leert je eigen verhaal vertellen, op jouw manier.",
     "Je kiest wat je vertelt.\nJe ziet je eigen krachten.\nJe luistert naar anderen."),
    ("Creatief schrijven over herstel", "series", ["creatief", "herstel"], -28, 3, 14, 8, False,
     "docent.mira", "medewerker", "Schrijven helpt om te ordenen. Je hoeft geen schrijver te zijn.",
     "Je probeert verschillende manieren van schrijven.\nJe schrijft over wat jou helpt."),
    ("Omgaan met stress", "series", ["zelfzorg"], -10, 4, 10, 12, False, "docent.jonas",
     "medewerker", "Wat doet stress met je? En wat kan je zelf doen?",
     "Je herkent je eigen signalen.\nJe oefent met rust nemen."),
    ("Mindfulness voor beginners", "series", ["zelfzorg"], 3, 4, 10, 12, False, "docent.mira",
     "coordinator", "Rustig oefenen met aandacht. Op een stoel, in je eigen tempo.",
     "Je leert eenvoudige oefeningen.\nJe weet hoe je thuis verder oefent."),
    ("Slapen en rust", "series", ["zelfzorg"], 5, 3, 14, 6, False, "ervaringsdeskundige",
     "medewerker", "Slecht slapen is zwaar. We zoeken samen wat helpt.",
     "Je weet wat slaap beïnvloedt.\nJe maakt een eigen plan voor de avond."),
    ("Stemmen horen: samen leren", "series", ["herstel"], 10, 3, 19, 8, True, "docent.jonas",
     "coordinator", "Over stemmen horen, met respect voor jouw ervaring.",
     "Je leert over stemmen horen.\nJe deelt ervaringen in een veilige groep."),
    ("Herstel en familie", "workshop", ["relaties"], 12, 1, 19, 20, False, "docent.mira",
     "medewerker", "Voor familie en vrienden: hoe steun je iemand, en hoe zorg je voor jezelf?",
     "Je begrijpt wat herstel vraagt.\nJe weet waar je zelf steun vindt."),
    ("Grenzen aangeven", "workshop", ["relaties", "zelfzorg"], 20, 1, 14, 12, False,
     "ervaringsdeskundige", "coordinator", "Nee zeggen is moeilijk. We oefenen samen.",
     "Je merkt waar je grens ligt.\nJe oefent om die te zeggen."),
    ("Werk en herstel", "series", ["werk"], 21, 4, 14, 10, False, "docent.jonas", "medewerker",
     "Werken, vrijwilligerswerk of iets anders: wat past bij jou?",
     "Je kent je mogelijkheden.\nJe weet waar je hulp vindt."),
]  # fmt: skip

# The French and English of each course's title and summary, by Dutch title. The learning goals
# stay Dutch only: the course page shows them marked as Dutch, with the page's note.
COURSE_TRANSLATIONS = {
    "Wat is herstel?": (
        (
            "Qu'est-ce que le rétablissement ?",
            "Une soirée sur le rétablissement : ce que c'est, et ce que ce n'est pas.",
        ),
        ("What is recovery?", "An evening about recovery: what it is, and what it is not."),
    ),
    "Mijn verhaal, mijn kracht": (
        ("Mon histoire, ma force", "Tu apprends à raconter ton histoire, à ta manière."),
        ("My story, my strength", "You learn to tell your own story, in your own way."),
    ),
    "Creatief schrijven over herstel": (
        (
            "Écriture créative sur le rétablissement",
            "Écrire aide à mettre de l'ordre. Pas besoin d'être écrivain.",
        ),
        (
            "Creative writing about recovery",
            "Writing helps to sort things out. You don't need to be a writer.",
        ),
    ),
    "Omgaan met stress": (
        ("Faire face au stress", "Que fait le stress avec toi ? Et que peux-tu faire toi-même ?"),
        ("Dealing with stress", "What does stress do to you? And what can you do yourself?"),
    ),
    "Mindfulness voor beginners": (
        (
            "Pleine conscience pour débutants",
            "S'exercer calmement à l'attention. Sur une chaise, à ton rythme.",
        ),
        ("Mindfulness for beginners", "Calm practice of attention. On a chair, at your own pace."),
    ),
    "Slapen en rust": (
        ("Sommeil et repos", "Mal dormir, c'est lourd. Nous cherchons ensemble ce qui aide."),
        ("Sleep and rest", "Sleeping badly is hard. Together we look for what helps."),
    ),
    "Stemmen horen: samen leren": (
        (
            "Entendre des voix : apprendre ensemble",
            "Sur l'entente de voix, avec respect pour ton vécu.",
        ),
        (
            "Hearing voices: learning together",
            "About hearing voices, with respect for your experience.",
        ),
    ),
    "Herstel en familie": (
        (
            "Rétablissement et famille",
            "Pour la famille et les amis : comment soutenir quelqu'un, et prendre soin de soi ?",
        ),
        (
            "Recovery and family",
            "For family and friends: how do you support someone, and look after yourself?",
        ),
    ),
    "Grenzen aangeven": (
        ("Poser ses limites", "Dire non, c'est difficile. Nous nous exerçons ensemble."),
        ("Setting boundaries", "Saying no is hard. We practise together."),
    ),
    "Werk en herstel": (
        (
            "Travail et rétablissement",
            "Travail, bénévolat ou autre chose : qu'est-ce qui te convient ?",
        ),
        ("Work and recovery", "Work, volunteering or something else: what suits you?"),
    ),
}
THEME_TRANSLATIONS = {
    "herstel": ("Rétablissement", "Recovery"),
    "zelfzorg": ("Prendre soin de soi", "Self-care"),
    "relaties": ("Relations et famille", "Relationships and family"),
    "werk": ("Travail et activités de jour", "Work and day activities"),
    "creatief": ("Créatif", "Creative"),
}
SEASONS = {"Najaar": ("Automne", "Autumn"), "Voorjaar": ("Printemps", "Spring")}
INTRODUCTION_FR = (
    "Bienvenue à l'Académie du rétablissement. Tout le monde peut suivre un cours : pas besoin "
    "d'orientation ni de diagnostic. Chaque cours est préparé et donné à deux : un expert du "
    "vécu et un professionnel."
)
INTRODUCTION_EN = (
    "Welcome to the Recovery College. Anyone can take a course: you need no referral or "
    "diagnosis. We make and give every course together: an expert by experience and a "
    "professional."
)


def _course_translations(title: str) -> dict[str, str]:
    (title_fr, summary_fr), (title_en, summary_en) = COURSE_TRANSLATIONS[title]
    return {
        "title_fr": title_fr,
        "title_en": title_en,
        "summary_fr": summary_fr,
        "summary_en": summary_en,
    }


ROOM_ORDER = ["leslokaal-2", "atelier", "leslokaal-1", "ontmoetingsruimte"]


def _person(email: str, name: str, role: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, display_name=name)
        user.set_unusable_password()
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    user.groups.add(Group.objects.get_or_create(name=Role.VISITOR)[0])
    user.groups.add(Group.objects.get_or_create(name=role)[0])
    return user


def _by_short(name: str) -> User:
    email = name if "." in name and "@" in name else f"{name}@huis.example"
    return User.objects.get(email=email)


def _wall(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _add_sessions(course: Course, first: dt.date, count: int, hour: int) -> None:
    """Weekly sessions; when a room is taken (an activity of the agenda), the next room."""
    rooms = {r.slug: r for r in Room.objects.filter(slug__in=ROOM_ORDER)}
    for n in range(count):
        day = first + dt.timedelta(weeks=n)
        for slug in ROOM_ORDER:
            try:
                services.session_save(
                    course=course,
                    starts_at=_wall(day, hour),
                    ends_at=_wall(day, hour + 2),
                    room=rooms.get(slug),
                    location="" if slug in rooms else "Huis met vele kamers",
                    actor=None,
                )
                break
            except services.CourseError:
                continue


def _shift_back(course: Course, days: int) -> None:
    """Demo only: a course planned `days` ahead is moved back, as if that time went by, so it
    can have enrolments, attendance and an evaluation. Reminders follow the new dates."""
    delta = dt.timedelta(days=days)

    def back(moment: dt.datetime) -> dt.datetime:
        # Wall-clock days: a 10:00 session stays at 10:00 across a change to winter time.
        local = timezone.localtime(moment)
        return _wall(local.date() - delta, local.hour)

    for session in CourseSession.objects.filter(course=course).select_related("room"):
        session.starts_at, session.ends_at = back(session.starts_at), back(session.ends_at)
        session.save(update_fields=["starts_at", "ends_at"])
        try:
            booking_set(
                holder=session,
                room=session.room,
                start=session.starts_at,
                end=session.ends_at,
                label=course.title,
            )
        except RoomError:  # the room was taken then: the session met elsewhere in the house
            booking_set(
                holder=session, room=None, start=session.starts_at, end=session.ends_at, label=""
            )
            CourseSession.objects.filter(pk=session.pk).update(
                room=None, location="Huis met vele kamers"
            )
    span = course.sessions.aggregate(first=Min("starts_at"), last=Max("ends_at"))
    Course.objects.filter(pk=course.pk).update(
        first_session_at=span["first"], last_session_ends_at=span["last"]
    )
    course.refresh_from_db()
    claims = Enrollment.objects.filter(course=course).values("claim_id")
    PlaceClaim.objects.filter(pk__in=claims, confirmed_at__isnull=False).update(
        confirmed_at=F("confirmed_at") - delta - dt.timedelta(days=7)
    )
    for enrollment in course.enrollments.select_related("user", "claim"):
        notify.cancel_course_messages(enrollment, course)
        if enrollment.has_place:
            notify.schedule_course_messages(enrollment, course)


@register_demo_seeder("herstelacademie", order=35)
def seed(*, stdout) -> None:
    today = timezone.localdate()
    start = today - dt.timedelta(days=49)
    season = "Najaar" if start.month >= 8 else "Voorjaar"
    term, _created = Term.objects.get_or_create(
        slug=f"{season.lower()}-{start.year}",
        defaults={
            "name": f"{season} {start.year}",
            "name_fr": f"{SEASONS[season][0]} {start.year}",
            "name_en": f"{SEASONS[season][1]} {start.year}",
            "introduction_fr": INTRODUCTION_FR,
            "introduction_en": INTRODUCTION_EN,
            "starts_on": start,
            "ends_on": today + dt.timedelta(days=70),
            "enrolment_opens_at": _wall(start - dt.timedelta(days=21), 9),
            "enrolment_closes_at": _wall(today + dt.timedelta(days=45), 17),
            "introduction": (
                "Welkom bij de Herstelacademie. Iedereen mag een cursus volgen: je hebt geen "
                "verwijzing of diagnose nodig. Elke cursus maken en geven we samen: een "
                "ervaringsdeskundige en een professional."
            ),
        },
    )
    themes = {
        slug: Theme.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "name_fr": THEME_TRANSLATIONS[slug][0],
                "name_en": THEME_TRANSLATIONS[slug][1],
            },
        )[0]
        for slug, name in THEMES
    }
    for email, name, role in PEOPLE:
        _person(email, name, role)
    students = list(User.objects.filter(email__startswith="student.").order_by("email"))
    sam = User.objects.get(email="bezoeker@huis.example")
    noor = User.objects.get(email="bezoeker2@huis.example")

    for (
        title, fmt, theme_slugs, first_day, count, hour, places, intake, expert_name,
        professional_name, summary, goals,
    ) in COURSES:  # fmt: skip
        if Course.objects.filter(term=term, title=title).exists():
            continue
        course = services.course_create(
            data=services.CourseData(
                term=term,
                title=title,
                summary=summary,
                learning_goals=goals,
                format=fmt,
                max_students=places,
                themes=[themes[s] for s in theme_slugs],
                requires_intake=intake,
                accessibility_notes=ACCESS,
                expert_trainers=[_by_short(expert_name)],
                professional_trainers=[_by_short(professional_name)],
                translations=_course_translations(title),
            ),
            actor=None,
        )
        # Courses that already began are first planned ahead, then moved back in time.
        back = max(0, 7 - first_day) if first_day <= 0 else 0
        _add_sessions(course, today + dt.timedelta(days=first_day + back), count, hour)
        services.course_publish(course=course, actor=None)
        _enrol(course, title, students, sam, noor)
        if back:
            _shift_back(course, back)
            _attendance(course)
        if course.is_over and title != "Wat is herstel?":
            _evaluations(course)


def _enrol(course: Course, title: str, students: list[User], sam: User, noor: User) -> None:
    if title == "Slapen en rust":  # full, with two people on the waiting list
        for user in [*students[:6], sam, noor]:
            services.enrollment_create(course=course, user=user)
        return
    if title == "Stemmen horen: samen leren":  # intake: one approved, Noor still waits
        first = services.enrollment_create(
            course=course, user=students[0], hope_note="Minder bang zijn"
        )
        services.intake_approve(enrollment=first, actor=None, note="Fijn gesprek. Welkom!")
        services.enrollment_create(
            course=course, user=noor, hope_note="Ik wil weten hoe anderen het doen."
        )
        return
    chosen = students[: 3 + len(title) % 4]
    if title in {"Mijn verhaal, mijn kracht", "Omgaan met stress", "Mindfulness voor beginners"}:
        chosen = [sam, *chosen]
    for user in chosen:
        services.enrollment_create(course=course, user=user, hope_note="")


def _attendance(course: Course) -> None:
    marks = ["present", "present", "late", "present", "excused", "absent"]
    sessions = [s for s in course.sessions.order_by("starts_at") if s.has_started]
    enrollments = course.enrollments.select_related("claim", "user").filter(
        claim__status=PlaceClaim.Status.CONFIRMED
    )
    for i, enrollment in enumerate(enrollments):
        for j, session in enumerate(sessions):
            status = marks[(i + j) % len(marks)] if i % 3 else "present"
            services.attendance_record(
                session=session, enrollment=enrollment, status=status, actor=None
            )


def _evaluations(course: Course) -> None:
    comments = ["Ik voelde me welkom.", "", "Graag meer tijd om te praten.", ""]
    enrollments = course.enrollments.select_related("claim", "course").filter(
        claim__status=PlaceClaim.Status.CONFIRMED
    )
    for i, enrollment in enumerate(list(enrollments)[:4]):
        if enrollment.user and enrollment.user.email == "bezoeker@huis.example":
            continue  # Sam can still fill it in himself
        services.evaluation_submit(
            enrollment=enrollment,
            overall=5 - i % 2,
            useful=4 - i % 3,
            trainers=5,
            comment=comments[i],
            anonymous=i % 2 == 0,
            actor=enrollment.user,
        )


from . import demo_guests  # noqa: E402, F401  (issue #25: guests, desk, a staff message)
