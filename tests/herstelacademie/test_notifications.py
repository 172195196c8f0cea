"""Every message of the Recovery College renders in Dutch, French and English, as plain text and
HTML, with the course and the right links; subjects never name a course (they can be seen on a
locked phone)."""

import pytest
from django.urls import reverse

from herstelacademie import services
from huis.notifications.models import Notification
from huis.notifications.services import render

from .factories import make_course, pass_time

pytestmark = pytest.mark.django_db

KINDS = {
    "herstelacademie_enrolled",
    "herstelacademie_waiting",
    "herstelacademie_intake",
    "herstelacademie_intake_request",
    "herstelacademie_intake_declined",
    "herstelacademie_reminder",
    "herstelacademie_evaluation",
}


def test_every_kind_renders_in_every_language(expert, staff, visitor, visitor_b):
    full = make_course(
        title="Slapen en rust", max_students=1, experts=[expert], professionals=[staff]
    )
    services.enrollment_create(course=full, user=visitor)
    services.enrollment_create(course=full, user=visitor_b)
    intake = make_course(
        title="Stemmen horen", requires_intake=True, experts=[expert], professionals=[staff]
    )
    declined = services.enrollment_create(course=intake, user=visitor)
    services.intake_decline(enrollment=declined, actor=expert, note="Misschien later.")
    services.course_cancel(course=intake, actor=staff)
    cancelled = make_course(title="Grenzen", experts=[expert], professionals=[staff])
    services.enrollment_create(course=cancelled, user=visitor_b)
    services.course_cancel(course=cancelled, actor=staff)
    assert set(Notification.objects.values_list("kind", flat=True)) >= KINDS

    for notification in Notification.objects.filter(kind__in=KINDS):
        for language in ("nl", "fr", "en"):
            notification.language = language
            rendered = render(notification)
            assert rendered.subject and "{" not in rendered.subject
            for title in ("Slapen en rust", "Stemmen horen", "Grenzen"):
                assert title not in rendered.subject
            assert notification.context["title"] in rendered.text
            assert notification.context["title"] in rendered.html


def test_the_evaluation_message_links_to_the_form(course, visitor):
    enrollment = services.enrollment_create(course=course, user=visitor)
    pass_time(course, days=30)
    message = Notification.objects.get(kind="herstelacademie_evaluation")
    url = reverse("herstelacademie:evaluation", args=[enrollment.pk])
    assert render(message).text.count(url) == 1
