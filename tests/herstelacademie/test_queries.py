"""List pages and dashboards cost the same number of queries with little or much data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from herstelacademie import services
from tests.factories import UserFactory

from .factories import TermFactory, ThemeFactory, make_course

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    client.get(url)  # the first request of a session warms caches (language, permissions)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _add(n, *, expert, staff, term, theme, start=0):
    """`n` courses with two sessions, each with two students (one with attendance)."""
    courses = []
    for i in range(start, start + n):
        course = make_course(
            term=term,
            title=f"Cursus {i}",
            session_days=(1 + i, 8 + i),
            themes=[theme],
            experts=[expert],
            professionals=[staff],
        )
        students = [UserFactory(display_name=f"Student {i}-{j}") for j in range(2)]
        enrollments = [services.enrollment_create(course=course, user=s) for s in students]
        plan = services.plan_for(user=students[0])
        services.companion_set(plan=plan, companion=expert, share_courses=True, actor=students[0])
        courses.append((course, enrollments))
    return courses


@pytest.mark.parametrize(
    "url_name",
    [
        "herstelacademie:home",
        "herstelacademie:teach",
        "herstelacademie:staff_list",
        "herstelacademie:companion_list",
    ],
)
def test_list_pages_cost_the_same_at_two_sizes(client, expert, staff, url_name):
    term, theme = TermFactory(), ThemeFactory()
    _add(2, expert=expert, staff=staff, term=term, theme=theme)
    client.force_login(staff if url_name == "herstelacademie:staff_list" else expert)
    url = reverse(url_name)
    small = _queries(client, url)
    _add(5, expert=expert, staff=staff, term=term, theme=theme, start=2)
    assert _queries(client, url) == small


def test_programme_and_course_pages_cost_the_same_at_two_sizes(client, expert, staff):
    term, theme = TermFactory(), ThemeFactory()
    _add(2, expert=expert, staff=staff, term=term, theme=theme)
    urls = [reverse("herstelacademie:programme", args=[term.slug])]
    small = [_queries(client, url) for url in urls]
    _add(5, expert=expert, staff=staff, term=term, theme=theme, start=2)
    assert [_queries(client, url) for url in urls] == small


def test_plan_and_trainer_pages_cost_the_same_with_more_courses_and_students(
    client, expert, staff, visitor
):
    term, theme = TermFactory(), ThemeFactory()

    def enrol_visitor(courses):
        for course, _enrollments in courses:
            services.enrollment_create(course=course, user=visitor)

    first = _add(2, expert=expert, staff=staff, term=term, theme=theme)
    enrol_visitor(first)
    course = first[0][0]
    session = course.sessions.first()
    client.force_login(visitor)
    plan_small = _queries(client, reverse("herstelacademie:plan"))
    client.force_login(expert)
    teach_small = _queries(client, reverse("herstelacademie:teach_course", args=[course.pk]))
    session_small = _queries(
        client, reverse("herstelacademie:session_attendance", args=[session.pk])
    )

    more = _add(5, expert=expert, staff=staff, term=term, theme=theme, start=2)
    enrol_visitor(more)
    for j in range(4):
        services.enrollment_create(course=course, user=UserFactory(display_name=f"Extra {j}"))
    client.force_login(visitor)
    assert _queries(client, reverse("herstelacademie:plan")) == plan_small
    client.force_login(expert)
    assert (
        _queries(client, reverse("herstelacademie:teach_course", args=[course.pk])) == teach_small
    )
    assert (
        _queries(client, reverse("herstelacademie:session_attendance", args=[session.pk]))
        == session_small
    )


def _render_queries(url) -> int:
    """Queries of rendering a public page for an anonymous visitor (not from the page cache)."""
    from django.test import Client

    from huis.core.pagecache import bump

    client = Client()
    client.get(url)
    bump("herstelacademie")  # the next visitor gets the page rendered anew
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def test_public_catalogue_and_course_page_cost_the_same_at_two_sizes(expert, staff, visitor):
    term, theme = TermFactory(), ThemeFactory()
    first = _add(2, expert=expert, staff=staff, term=term, theme=theme)
    course = first[0][0]
    urls = [
        reverse("herstelacademie:home"),
        reverse("herstelacademie:home") + "?q=herstel&places_left=on",
        course.get_absolute_url(),
    ]
    small = [_render_queries(url) for url in urls]
    _add(5, expert=expert, staff=staff, term=term, theme=theme, start=2)
    for j in range(4):
        services.enrollment_create(course=course, user=UserFactory(display_name=f"Extra {j}"))
    assert [_render_queries(url) for url in urls] == small
    assert max(small) <= 12, small
