"""Simultaneous enrolments, in real threads with their own database connections.

- 20 students press "enrol me" at the same moment for 5 places: exactly 5 get a place, the rest
  wait in order (the lock of huis.places; its control run is in tests/places).
- One student taps "enrol me" 8 times at once for a course with an intake (no place is claimed
  yet, so only the enrolment's own unique index guards it): one enrolment. The control run drops
  that index and shows the duplicates it prevents.
- A student cancels while someone else holds the enrolment's row lock: within the lock timeout
  the page says "try again in a moment", and nothing changed; a form (the course form) says it
  on the form and keeps what was typed.
"""

import threading

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.urls import reverse

from herstelacademie.models import Course, Enrollment
from huis.accounts.roles import Role
from huis.core.locking import lock
from huis.places.models import PlaceClaim
from tests.factories import UserFactory

from .factories import make_course

pytestmark = pytest.mark.django_db(transaction=True)


def _press_all(url: str, users: list) -> list[int]:
    barrier = threading.Barrier(len(users))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def press(user) -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait()
            statuses.append(client.post(url, {"hope_note": ""}).status_code)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return statuses


def _trainers():
    return {
        "experts": [UserFactory(roles=[Role.EXPERT])],
        "professionals": [UserFactory(roles=[Role.STAFF])],
    }


def test_twenty_students_at_once_for_five_places():
    course = make_course(max_students=5, **_trainers())
    students = [UserFactory(display_name=f"S{n}") for n in range(20)]
    statuses = _press_all(reverse("herstelacademie:enrol", args=[course.pk, course.slug]), students)
    assert statuses == [302] * 20
    claims = PlaceClaim.objects.filter(offering_id=course.offering_id)
    assert claims.filter(status="confirmed").count() == 5
    assert [c.rank for c in claims.filter(status="waiting").order_by("rank")] == list(range(1, 16))
    assert Enrollment.objects.filter(course=course).count() == 20


def _double_taps(course) -> int:
    student = UserFactory()
    url = reverse("herstelacademie:enrol", args=[course.pk, course.slug])
    statuses = _press_all(url, [student] * 8)
    assert set(statuses) <= {302, 400}
    return Enrollment.objects.filter(course=course, user=student).count()


def test_one_student_tapping_eight_times_at_once_is_enrolled_once():
    course = make_course(requires_intake=True, **_trainers())
    assert _double_taps(course) == 1


def test_control_without_the_unique_index_the_taps_make_duplicates():
    course = make_course(requires_intake=True, **_trainers())
    with connection.cursor() as cursor:
        cursor.execute("DROP INDEX enrollment_once_per_student")
    try:
        counts = [_double_taps(course) for _attempt in range(3)]
    finally:
        Enrollment.objects.filter(course=course).delete()
        with connection.schema_editor() as editor:
            constraint = next(
                c for c in Enrollment._meta.constraints if c.name == "enrollment_once_per_student"
            )
            editor.add_constraint(Enrollment, constraint)
    assert max(counts) > 1


@override_settings(LOCK_TIMEOUT_MS=300)
def test_cancelling_while_a_trainer_holds_the_enrolment_says_busy_kindly():
    """A held row lock costs the student a moment and a kind message, not a hung page."""
    course = make_course(**_trainers())
    student = UserFactory()
    client = Client()
    client.force_login(student)
    client.post(reverse("herstelacademie:enrol", args=[course.pk, course.slug]), {})
    enrollment = Enrollment.objects.get(user=student)
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        try:
            with transaction.atomic():
                lock(Enrollment.objects, enrollment.pk)
                held.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    assert held.wait(10)
    try:
        response = client.post(reverse("herstelacademie:enrollment_cancel", args=[enrollment.pk]))
    finally:
        release.set()
        thread.join(10)
    assert response.status_code == 409
    assert "Iemand anders past dit net aan. Probeer het zo meteen opnieuw." in response.text
    enrollment.refresh_from_db()
    assert enrollment.cancelled_at is None


@override_settings(LOCK_TIMEOUT_MS=300)
def test_saving_the_course_form_while_the_course_is_locked_keeps_the_form_and_says_busy():
    """A form view shows the busy answer on the form, with what was typed still in it."""
    trainers = _trainers()
    course = make_course(title="Herstel en hoop", **trainers)
    staff = trainers["professionals"][0]
    client = Client()
    client.force_login(staff)
    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        try:
            with transaction.atomic():
                lock(Course.objects, course.pk)
                held.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    assert held.wait(10)
    try:
        response = client.post(
            reverse("herstelacademie:course_update", args=[course.pk]),
            {
                "term": course.term_id,
                "title": "Een nieuwe titel",
                "summary": course.summary,
                "learning_goals": course.learning_goals,
                "format": course.format,
                "max_students": course.max_students,
                "certificate_share": course.certificate_share,
                "expert_trainers": [u.pk for u in trainers["experts"]],
                "professional_trainers": [staff.pk],
            },
        )
    finally:
        release.set()
        thread.join(10)
    assert response.status_code == 400
    assert "Iemand anders past dit net aan. Probeer het zo meteen opnieuw." in response.text
    assert "Een nieuwe titel" in response.text
    course.refresh_from_db()
    assert course.title == "Herstel en hoop"
