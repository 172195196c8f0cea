"""The catalogue and course pages are cached for anonymous visitors (huis.core.pagecache).

What a visitor must be able to rely on: the places left are exact right after every enrolment,
cancellation and promotion from the waiting list; a change by staff (a new title, a cancelled
course, a moved session) shows at once; logged-in people never get the anonymous copy.
"""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from herstelacademie import services
from tests.factories import UserFactory

from .factories import at, make_course

pytestmark = pytest.mark.django_db(transaction=True)

CATALOGUE = "herstelacademie:home"


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return escape(translation.gettext(msgid))


def left(n: int) -> str:
    with translation.override("nl"):
        return translation.ngettext("%(n)s place left", "%(n)s places left", n) % {"n": n}


def places(html: str) -> str:
    return re.search(r'<p class="places[^"]*">\s*(.*?)\s*</p>', html, re.S).group(1).strip()


def test_a_second_visitor_gets_the_catalogue_and_course_page_without_the_database(expert, staff):
    course = make_course(title="Veerkracht", experts=[expert], professionals=[staff])
    for url in (reverse(CATALOGUE), course.get_absolute_url()):
        Client().get(url)
        with CaptureQueriesContext(connection) as queries:
            second = Client().get(url)
        assert second.status_code == 200
        assert len(queries) == 0, url
        assert "Veerkracht" in second.text


def test_places_left_are_exact_after_every_enrolment_cancellation_and_promotion(expert, staff):
    course = make_course(max_students=2, experts=[expert], professionals=[staff])
    page, catalogue = course.get_absolute_url(), reverse(CATALOGUE)
    visitor = Client()
    assert places(visitor.get(page).text) == left(2)
    assert places(visitor.get(catalogue).text) == left(2)
    first = services.enrollment_create(course=course, user=UserFactory())
    assert places(visitor.get(page).text) == left(1)
    assert places(visitor.get(catalogue).text) == left(1)
    services.enrollment_create(course=course, user=UserFactory())
    full = nl("Full. You can go on the waiting list.")
    assert places(visitor.get(page).text) == full
    waiting = services.enrollment_create(course=course, user=UserFactory())
    assert waiting.state == "waiting"
    services.enrollment_cancel(enrollment=first, actor=first.user)
    # The freed place went to the one waiting at once: still full.
    assert places(visitor.get(page).text) == full
    waiting.refresh_from_db()
    services.enrollment_cancel(enrollment=waiting, actor=waiting.user)
    assert places(visitor.get(page).text) == left(1)
    assert places(visitor.get(catalogue).text) == left(1)


def test_a_change_by_staff_shows_at_once(expert, staff):
    course = make_course(title="Grenzen stellen", experts=[expert], professionals=[staff])
    page, catalogue = course.get_absolute_url(), reverse(CATALOGUE)
    Client().get(page), Client().get(catalogue)
    session = course.sessions.first()
    services.session_save(
        course=course,
        session=session,
        starts_at=at(8, 10),
        ends_at=at(8, 12),
        room=session.room,
        actor=staff,
    )
    assert "10:00" in Client().get(page).text
    services.course_cancel(course=course, actor=staff)
    assert places(Client().get(page).text) == nl("Cancelled")
    assert places(Client().get(catalogue).text) == nl("Cancelled")


def test_logged_in_people_never_get_the_anonymous_copy(client, expert, staff, visitor):
    course = make_course(experts=[expert], professionals=[staff])
    Client().get(course.get_absolute_url())  # an anonymous copy is cached
    services.enrollment_create(course=course, user=visitor)
    client.force_login(visitor)
    page = client.get(course.get_absolute_url()).text
    assert nl("You are enrolled.") in page


def test_a_trainers_new_name_shows_at_once(expert, staff):
    course = make_course(title="Herstel en werk", experts=[expert], professionals=[staff])
    page = course.get_absolute_url()
    Client().get(page)
    expert.display_name = "Jan Ervaring"
    expert.save()
    assert "Jan Ervaring" in Client().get(page).text
