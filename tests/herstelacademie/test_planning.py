"""Staff plan a term, a co-produced course and its sessions through the pages, and publish."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from herstelacademie.models import Course, Term
from huis.rooms.models import RoomBooking
from tests.factories import RoomFactory

pytestmark = pytest.mark.django_db


def test_staff_plan_a_term_a_course_and_its_sessions(client, staff, expert):
    client.force_login(staff)
    today = timezone.localdate()
    response = client.post(
        reverse("herstelacademie:term_create"),
        {
            "name": "Voorjaar 2027",
            "starts_on": today.isoformat(),
            "ends_on": (today + dt.timedelta(days=90)).isoformat(),
            "enrolment_opens_at": f"{today.isoformat()}T09:00",
            "enrolment_closes_at": f"{(today + dt.timedelta(days=60)).isoformat()}T17:00",
        },
    )
    assert response.status_code == 302
    term = Term.objects.get(slug="voorjaar-2027")

    page = client.get(reverse("herstelacademie:course_create")).text
    assert expert.display_name in page  # offered as expert trainer
    response = client.post(
        reverse("herstelacademie:course_create"),
        {
            "term": term.pk,
            "title": "Herstel en hoop",
            "summary": "Over hoop, in gewone woorden.",
            "learning_goals": "Je ziet wat hoop doet.",
            "format": "series",
            "max_students": 12,
            "certificate_share": 80,
            "expert_trainers": [expert.pk],
            "professional_trainers": [staff.pk],
        },
    )
    course = Course.objects.get(title="Herstel en hoop")
    assert response.url == reverse("herstelacademie:teach_course", args=[course.pk])
    assert course.offering.capacity == 12 and course.status == "draft"
    assert {(t.user_id, t.role) for t in course.trainers.all()} == {
        (expert.pk, "expert"),
        (staff.pk, "professional"),
    }

    refused = client.post(reverse("herstelacademie:course_publish", args=[course.pk]), follow=True)
    assert "Voeg minstens één sessie toe voor je de cursus publiceert." in refused.text
    course.refresh_from_db()
    assert course.status == "draft"  # no sessions yet

    room = RoomFactory()
    day = today + dt.timedelta(days=7)
    response = client.post(
        reverse("herstelacademie:session_create", args=[course.pk]),
        {"date": day.isoformat(), "starts": "14:00", "ends": "16:00", "room": room.pk},
    )
    assert response.status_code == 302
    session = course.sessions.get()
    assert timezone.localtime(session.starts_at).hour == 14
    assert RoomBooking.objects.filter(room=room, label="Herstel en hoop").exists()

    client.post(reverse("herstelacademie:course_publish", args=[course.pk]))
    course.refresh_from_db()
    assert course.status == "published" and course.offering.is_open
    assert course.title in client.get(reverse("herstelacademie:home")).text


def test_bad_input_on_the_course_form_is_a_400_that_keeps_what_was_typed(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("herstelacademie:course_create"),
        {"title": "Mijn titel blijft staan", "max_students": 0},
    )
    assert response.status_code == 400
    assert "Mijn titel blijft staan" in response.text
    assert not Course.objects.exists()


def test_a_second_term_with_the_same_name_is_refused_with_a_message(client, staff):
    from .factories import TermFactory

    TermFactory(name="Najaar 2027", slug="najaar-2027")
    client.force_login(staff)
    today = timezone.localdate()
    response = client.post(
        reverse("herstelacademie:term_create"),
        {
            "name": "Najaar 2027",
            "starts_on": today.isoformat(),
            "ends_on": (today + dt.timedelta(days=90)).isoformat(),
            "enrolment_opens_at": f"{today.isoformat()}T09:00",
            "enrolment_closes_at": f"{(today + dt.timedelta(days=60)).isoformat()}T17:00",
        },
    )
    assert response.status_code == 400
    # The refusal stands beside the field it is about.
    assert response.context["form"].errors["slug"] == [
        "Een andere periode heeft al deze korte naam. Kies een andere."
    ]
    assert Term.objects.count() == 1
