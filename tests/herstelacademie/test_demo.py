"""The demo fills a full term of courses, and running it twice changes nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from herstelacademie.models import Attendance, Course, CourseSession, Enrollment, EvaluationResponse

pytestmark = pytest.mark.django_db


def test_demo_fills_a_full_term_and_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    counts = (
        Course.objects.count(),
        CourseSession.objects.count(),
        Enrollment.objects.count(),
        Attendance.objects.count(),
    )
    call_command("seed_demo", "--quiet-logins")
    assert (
        Course.objects.count(),
        CourseSession.objects.count(),
        Enrollment.objects.count(),
        Attendance.objects.count(),
    ) == counts

    courses = Course.objects.filter(status="published")
    assert 8 <= courses.count() <= 12
    assert all(c.trainers.filter(role="expert").exists() for c in courses)
    assert all(c.trainers.filter(role="professional").exists() for c in courses)
    assert courses.filter(requires_intake=True, enrollments__intake="pending").exists()
    full = [c for c in courses if c.offering.is_full]
    assert full and full[0].enrollments.filter(claim__status="waiting").exists()
    assert any(c.is_over for c in courses) and any(not c.is_over for c in courses)
    assert Attendance.objects.exists()
    assert not Attendance.objects.filter(session__starts_at__gt=timezone.now()).exists()
    assert EvaluationResponse.objects.exists()
    for course in courses:  # weekly at the same hour, also across the change to winter time
        assert len({timezone.localtime(s.starts_at).hour for s in course.sessions.all()}) == 1

    html = client.get(reverse("herstelacademie:home")).text
    assert "Slapen en rust" in html
