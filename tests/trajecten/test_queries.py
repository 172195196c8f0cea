"""Lists, detail pages and the results cost the same number of queries with few or many rows.

Each page is measured after a warm-up request, at two data sizes; the numbers must be equal (and
small)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from trajecten.models import ContactLog, Goal, HousingCheck

from .factories import ApplicationFactory, HousingStepFactory, decide, schedule, trajectory_for

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _assert_constant(client, url, grow, *, most: int = 30) -> None:
    client.get(url)  # warm up the session
    counts = []
    for size in (2, 25):
        grow(size)
        counts.append(_count(client, url))
    assert counts[0] == counts[1], f"{url}: {counts}"
    assert counts[0] <= most, f"{url}: {counts[0]} queries"


@pytest.fixture
def grow(programme, organisation_a, organisation_b, meeting):
    start = timezone.localdate() - dt.timedelta(days=800)

    def add(n: int) -> None:
        for i in range(n):
            application = ApplicationFactory(programme=programme, organisation=organisation_a)
            HousingStepFactory(application=application)
            item = schedule(application, meeting)
            if i % 3 == 0:
                continue
            decide(item, "admitted")
            trajectory = trajectory_for(
                application, started_on=start, housed_on=start, partners=[organisation_b]
            )
            Goal.objects.create(trajectory=trajectory, domain="housing", text="x", written_with="y")
            HousingCheck.objects.create(trajectory=trajectory, months=6, housed=True)

    return add


@pytest.mark.parametrize(
    "url_name",
    ["trajecten:home", "trajecten:application_list", "trajecten:trajectory_list"],
)
def test_partner_lists(client, partner_a, grow, url_name):
    client.force_login(partner_a)
    _assert_constant(client, reverse(url_name), grow)


@pytest.mark.parametrize(
    "url_name",
    [
        "trajecten:home",
        "trajecten:application_list",
        "trajecten:meeting_list",
        "trajecten:trajectory_list",
        "trajecten:results",
        "trajecten:results_export",
    ],
)
def test_coordinator_pages(client, coordinator, grow, url_name):
    client.force_login(coordinator)
    _assert_constant(client, reverse(url_name), grow)


def test_the_meeting_does_not_grow_with_its_agenda(client, partner_b, meeting, grow):
    client.force_login(partner_b)
    _assert_constant(client, reverse("trajecten:meeting_detail", args=[meeting.pk]), grow)


def test_an_application_does_not_grow_with_its_history(client, coordinator, scheduled):
    client.force_login(coordinator)
    application = scheduled.application

    def add(n: int) -> None:
        for _ in range(n):
            HousingStepFactory(application=application)

    _assert_constant(client, reverse("trajecten:application_detail", args=[application.pk]), add)


def test_a_trajectory_does_not_grow_with_its_plan_and_log(client, partner_a, trajectory_a):
    client.force_login(partner_a)

    def add(n: int) -> None:
        for i in range(n):
            Goal.objects.create(
                trajectory=trajectory_a, domain="income", text=f"Doel {i}", written_with="mama"
            )
            ContactLog.objects.create(trajectory=trajectory_a, kind="phone", note=f"Contact {i}")
            trajectory_a.evaluations.create(planned_on=timezone.localdate())

    _assert_constant(client, trajectory_a.get_absolute_url(), add)
