"""Lists, overviews and the start page cost the same number of queries with few or many rows.

Each page is measured after a warm-up request, at two data sizes; the numbers must be equal (and
small). Entries get needs and signals so that a missing prefetch would show.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from .factories import (
    NeedFactory,
    OutreachEntryFactory,
    RecommendationFactory,
    SignalFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def grow(organisation_a, partner_a, neighbourhood, other_neighbourhood):
    needs = [NeedFactory(name="Wonen"), NeedFactory(name="Eenzaamheid")]
    today = timezone.localdate()

    def add(n: int) -> None:
        for i in range(n):
            entry = OutreachEntryFactory(
                organisation=organisation_a,
                created_by=partner_a,
                neighbourhood=neighbourhood if i % 2 else other_neighbourhood,
                date=today - dt.timedelta(days=i * 13 % 300),
                kind=["home_visit", "street", "club"][i % 3],
                needs=needs[: i % 3],
                follow_up_on=today + dt.timedelta(days=i % 5),
            )
            signal = SignalFactory(
                organisation=organisation_a, neighbourhood=neighbourhood, entry=entry
            )
            RecommendationFactory(signals=[signal])

    return add


def _count(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    assert response.status_code == 200
    return len(queries)


def _assert_constant(client, url, grow, data=None, *, most: int = 25) -> None:
    client.get(url, data)  # warm up the session
    counts = []
    for size in (2, 30):
        grow(size)
        counts.append(_count(client, url, data))
    assert counts[0] == counts[1], f"{url}: {counts}"
    assert counts[0] <= most, f"{url}: {counts[0]} queries"


@pytest.mark.parametrize(
    ("url_name", "data"),
    [
        ("kwartiermaken:home", None),
        ("kwartiermaken:entry_list", None),
        ("kwartiermaken:entry_list", {"zoek": "BR-1", "opvolging": "open"}),
        ("kwartiermaken:signal_list", None),
        ("kwartiermaken:overview", {"jaar": "alle"}),
    ],
)
def test_partner_pages(client, partner_a, grow, url_name, data):
    client.force_login(partner_a)
    _assert_constant(client, reverse(url_name), grow, data)


@pytest.mark.parametrize(
    "url_name",
    [
        "kwartiermaken:entry_list",
        "kwartiermaken:overview",
        "kwartiermaken:recommendation_list",
        "kwartiermaken:recommendation_create",
    ],
)
def test_coordinator_pages(client, coordinator, grow, url_name):
    client.force_login(coordinator)
    _assert_constant(client, reverse(url_name), grow)


def test_recommendation_detail_and_pdf_do_not_grow_with_the_evidence(
    client, coordinator, organisation_a, neighbourhood
):
    recommendation = RecommendationFactory()
    client.force_login(coordinator)
    url = reverse("kwartiermaken:recommendation_detail", args=[recommendation.pk])

    def add(n: int) -> None:
        recommendation.signals.add(
            *[
                SignalFactory(organisation=organisation_a, neighbourhood=neighbourhood)
                for _ in range(n)
            ]
        )

    _assert_constant(client, url, add)
