"""Reading a course's student list is recorded (#10): who read it, which course, when.

The trainer's course page (enrolments, waiting list, intakes) and a session's attendance register
both name the students; each read writes one audit entry. Other pages write none.
"""

import pytest
from django.urls import reverse

from herstelacademie import services
from huis.audit.models import AuditEntry
from tests.factories import UserFactory

from .factories import make_course

pytestmark = pytest.mark.django_db

VIEWED = "herstelacademie.students_viewed"


@pytest.fixture
def course_with_students(expert, staff):
    course = make_course(experts=[expert], professionals=[staff])
    for n in range(2):
        services.enrollment_create(course=course, user=UserFactory(display_name=f"Student {n}"))
    return course


def test_the_trainers_student_list_is_recorded(client, expert, course_with_students):
    client.force_login(expert)
    response = client.get(reverse("herstelacademie:teach_course", args=[course_with_students.pk]))
    assert response.status_code == 200
    assert "Student 0" in response.text
    entry = AuditEntry.objects.get(action=VIEWED)
    assert entry.actor == expert
    assert entry.object_type == "herstelacademie.course"
    assert entry.object_id == str(course_with_students.pk)


def test_the_attendance_register_of_a_session_is_recorded(client, staff, course_with_students):
    session = course_with_students.sessions.first()
    client.force_login(staff)
    response = client.get(reverse("herstelacademie:session_attendance", args=[session.pk]))
    assert response.status_code == 200
    assert "Student 1" in response.text
    entry = AuditEntry.objects.get(action=VIEWED)
    assert entry.actor == staff
    assert entry.object_id == str(course_with_students.pk)
    assert entry.data == {"session": session.pk}


def test_refused_and_public_reads_write_no_entry(client, visitor, course_with_students):
    session = course_with_students.sessions.first()
    client.force_login(visitor)
    assert client.get(
        reverse("herstelacademie:session_attendance", args=[session.pk])
    ).status_code in (403, 404)
    assert client.get(course_with_students.get_absolute_url()).status_code == 200
    assert not AuditEntry.objects.filter(action=VIEWED).exists()
