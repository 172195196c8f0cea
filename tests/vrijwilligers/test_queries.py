"""The boards, lists and a volunteer's pages cost the same number of queries with few or many
shifts, volunteers and hours. Each page is measured after a warm-up, at two data sizes."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory
from vrijwilligers import services

from .factories import move_to_past, shift, volunteer

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _assert_constant(client, url, grow, *, most: int = 30) -> None:
    client.get(url)  # warm up the session
    counts = []
    for size in (2, 12):
        grow(size)
        counts.append(_count(client, url))
    assert counts[0] == counts[1], f"{url}: {counts}"
    assert counts[0] <= most, f"{url}: {counts[0]} queries"


@pytest.fixture
def grow(coordinator):
    state = {"day": 0}

    def add(n: int) -> None:
        people = [volunteer() for _ in range(n)]
        for i in range(n):
            state["day"] = (state["day"] % 6) + 1
            s = shift(coordinator, days=state["day"], hour=8 + i % 8, needed=2)
            for v in people[i : i + 3]:
                services.shift_sign_up(shift=s, volunteer=v, actor=v.user)
            worked = shift(coordinator, days=state["day"], hour=8, needed=1)
            services.shift_sign_up(shift=worked, volunteer=people[i], actor=people[i].user)
            worked = move_to_past(worked, day=timezone.localdate() - dt.timedelta(days=i + 1))
            services.hours_report(
                shift=worked, volunteer=people[i], hours=3, km=0, actor=people[i].user
            )
        state["apps"] = state.get("apps", 0) + 1
        services.application_submit(name="X", email=f"x{state['apps']}@example.org", tasks=[])

    return add


@pytest.mark.parametrize(
    "url_name",
    [
        "vrijwilligers:board_week",
        "vrijwilligers:board_month",
        "vrijwilligers:volunteer_list",
        "vrijwilligers:application_list",
        "vrijwilligers:hours_list",
        "vrijwilligers:figures",
    ],
)
def test_coordinator_pages(client, coordinator, grow, url_name):
    client.force_login(coordinator)
    _assert_constant(client, reverse(url_name), grow)


def test_a_volunteers_own_pages(client, coordinator, grow):
    me = volunteer("Ik")
    client.force_login(me.user)
    state = {"n": 0}

    def grow_mine(n):
        grow(n)
        for _ in range(n):
            state["n"] += 1
            s = shift(UserFactory(), days=1 + state["n"] % 6, hour=7, needed=1)
            services.shift_sign_up(shift=s, volunteer=me, actor=me.user)

    for name in ["vrijwilligers:mine", "vrijwilligers:my_hours"]:
        _assert_constant(client, reverse(name), grow_mine)
