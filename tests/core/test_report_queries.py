"""A report section costs the same number of queries whatever the size of the year: measured at
two data sizes for the two sections that read the most rows (ontmoeting's sign-ups, the Recovery
College's enrolments and attendance)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from herstelacademie import report as herstel_report
from huis.core.report.figures import Period
from ontmoeting import report as ontmoeting_report
from ontmoeting.services import registration_create
from tests.factories import ActivityFactory, UserFactory
from tests.herstelacademie.factories import make_course, pass_time

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PERIOD = Period(TODAY - dt.timedelta(days=400), TODAY + dt.timedelta(days=60))


def _queries(build) -> int:
    with CaptureQueriesContext(connection) as queries:
        build(period=PERIOD)
    return len(queries)


def _activities(n: int) -> None:
    for _ in range(n):
        activity = ActivityFactory(capacity=20)
        for i in range(3):
            registration_create(
                activity=activity, actor=None, name=f"G{i}", email=f"g{i}@test.example"
            )


def _courses(n: int) -> None:
    from herstelacademie.services import enrollment_create

    for index in range(n):
        course = make_course(title=f"Cursus {index}", session_days=(2, 4))
        for _ in range(3):
            enrollment_create(course=course, user=UserFactory())
        pass_time(course, days=10)


def test_ontmoeting_section_costs_the_same_at_two_sizes():
    _activities(1)
    small = _queries(ontmoeting_report.build)
    _activities(6)
    assert _queries(ontmoeting_report.build) == small


def test_herstelacademie_section_costs_the_same_at_two_sizes():
    _courses(1)
    small = _queries(herstel_report.build)
    section = herstel_report.build(period=PERIOD)
    assert section.value("enrolments") == 3 and section.value("finished") == 3
    _courses(4)
    assert _queries(herstel_report.build) == small
    assert herstel_report.build(period=PERIOD).value("students") == 15
