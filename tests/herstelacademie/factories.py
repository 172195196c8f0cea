"""Factories and builders for the Recovery College's tests."""

import datetime as dt

import factory
from django.utils import timezone

from herstelacademie import services
from herstelacademie.models import Course, Term, Theme
from tests.factories import RoomFactory


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term

    name = factory.Sequence(lambda n: f"Voorjaar {2027 + n}")
    slug = factory.Sequence(lambda n: f"voorjaar-{2027 + n}")
    starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=90))
    enrolment_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=30))
    enrolment_closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=60))


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


def at(days: float, hour: int = 14) -> dt.datetime:
    """A moment `days` from today at `hour` o'clock, Brussels time."""
    day = timezone.localdate() + dt.timedelta(days=int(days))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def make_course(
    *,
    term: Term | None = None,
    title: str = "Herstel, wat is dat?",
    max_students: int = 10,
    session_days: tuple = (7, 14, 21),
    experts: tuple = (),
    professionals: tuple = (),
    requires_intake: bool = False,
    publish: bool = True,
    room=None,
    themes: tuple = (),
    format: str = "series",
    certificate_share: int = 75,
    actor=None,
) -> Course:
    """A course with sessions at 14:00 on the given days from today (negative: in the past)."""
    term = term or TermFactory()
    course = services.course_create(
        data=services.CourseData(
            term=term,
            title=title,
            summary="We praten over herstel, in gewone woorden.",
            learning_goals="Je weet wat herstel is.\nJe kent je eigen krachten.",
            format=format,
            max_students=max_students,
            themes=list(themes),
            requires_intake=requires_intake,
            certificate_share=certificate_share,
            expert_trainers=list(experts),
            professional_trainers=list(professionals),
        ),
        actor=actor,
    )
    room = room or RoomFactory()
    for days in session_days:
        services.session_save(
            course=course,
            starts_at=at(days, 14),
            ends_at=at(days, 16),
            room=room,
            actor=actor,
        )
    if publish:
        services.course_publish(course=course, actor=actor)
    course.refresh_from_db()
    return course


def pass_time(course: Course, *, days: int) -> None:
    """Move the course `days` into the past, as if that time went by: its sessions, the term,
    and the moments places were confirmed (tests cannot wait for weeks)."""
    from django.db.models import F

    from herstelacademie.models import CourseSession, Enrollment
    from huis.places.models import PlaceClaim

    delta = dt.timedelta(days=days)
    CourseSession.objects.filter(course=course).update(
        starts_at=F("starts_at") - delta, ends_at=F("ends_at") - delta
    )
    Course.objects.filter(pk=course.pk).update(
        first_session_at=F("first_session_at") - delta,
        last_session_ends_at=F("last_session_ends_at") - delta,
    )
    claims = Enrollment.objects.filter(course=course).values("claim_id")
    PlaceClaim.objects.filter(pk__in=claims, confirmed_at__isnull=False).update(
        confirmed_at=F("confirmed_at") - delta
    )
    course.refresh_from_db()
