"""50 people press "sign me up" at the same moment for 10 places, through the real page.

Separate threads, each with its own database connection and test client, against the real
PostgreSQL. The control run (lock removed) is in tests/places/test_concurrency.py. A lock held
too long answers "try again in a moment" (huis.core.locking), never a hung worker or a 500.
"""

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from huis.places.models import PlaceClaim, PlaceOffering
from ontmoeting.services import registration_create
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_fifty_simultaneous_sign_ups_through_the_page_give_exactly_ten_places():
    activity = ActivityFactory(capacity=10)
    url = reverse("ontmoeting:sign_up", args=[activity.pk, activity.slug])
    barrier = threading.Barrier(50)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def press(n: int) -> None:
        try:
            client = Client()
            barrier.wait()
            # Fifty different people, each from their own address (sign-ups are rate-limited
            # per address).
            response = client.post(
                url,
                {"name": f"P{n}", "email": f"p{n}@test.example"},
                REMOTE_ADDR=f"198.51.100.{n + 1}",
            )
            statuses.append(response.status_code)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert statuses == [302] * 50  # no error response for anyone
    claims = PlaceClaim.objects.filter(offering_id=activity.offering_id)
    assert claims.filter(status="confirmed").count() == 10
    waiting = list(claims.filter(status="waiting").order_by("rank"))
    assert [c.rank for c in waiting] == list(range(1, 41))
    assert [c.pk for c in waiting] == sorted(c.pk for c in waiting)


@pytest.fixture
def held_offering_lock(settings):
    """Another transaction holds the activity's places (an offering row lock) until released."""
    settings.LOCK_TIMEOUT_MS = 300
    held, release = threading.Event(), threading.Event()

    def hold(offering_id: int) -> None:
        try:
            with transaction.atomic():
                PlaceOffering.objects.select_for_update().get(pk=offering_id)
                held.set()
                release.wait(15)
        finally:
            connection.close()

    threads: list[threading.Thread] = []

    def start(offering_id: int) -> None:
        thread = threading.Thread(target=hold, args=(offering_id,))
        thread.start()
        threads.append(thread)
        assert held.wait(10)

    yield start
    release.set()
    for thread in threads:
        thread.join()


def test_a_sign_up_while_the_places_are_held_answers_busy_kindly(held_offering_lock, t):
    activity = ActivityFactory(capacity=10)
    held_offering_lock(activity.offering_id)
    started = time.monotonic()
    response = Client().post(
        reverse("ontmoeting:sign_up", args=[activity.pk, activity.slug]),
        {"name": "Jan", "email": "jan@test.example"},
    )
    assert time.monotonic() - started < 5  # an answer in time, not a hung worker
    assert response.status_code == 400
    assert t("Someone else is changing this right now. Please try again in a moment.") in (
        response.text
    )
    assert not PlaceClaim.objects.filter(offering_id=activity.offering_id).exists()


def test_a_page_that_sweeps_lapsed_offers_still_opens_while_the_places_are_held(
    held_offering_lock,
):
    activity = ActivityFactory(capacity=1, waitlist_mode="offer")
    PlaceClaim.objects.create(
        offering_id=activity.offering_id,
        name="A",
        email="a@test.example",
        status=PlaceClaim.Status.OFFERED,
        offer_expires_at=timezone.now() - dt.timedelta(minutes=1),
    )
    held_offering_lock(activity.offering_id)
    assert Client().get(activity.get_absolute_url()).status_code == 200


def test_a_staff_change_while_the_places_are_held_answers_busy_on_the_refused_page(
    held_offering_lock, as_role, t
):
    activity = ActivityFactory(capacity=10)
    claim = registration_create(activity=activity, actor=None, name="An", email="an@test.example")
    held_offering_lock(activity.offering_id)
    started = time.monotonic()
    response = as_role("staff").post(reverse("ontmoeting:claim_cancel", args=[claim.pk]))
    assert time.monotonic() - started < 5
    assert response.status_code == 409  # the core refused page (busy), with a way back
    assert t("Someone else is changing this right now. Please try again in a moment.") in (
        response.text
    )
    assert reverse("ontmoeting:staff_activity", args=[activity.pk]) in response.text
    claim.refresh_from_db()
    assert claim.status == PlaceClaim.Status.CONFIRMED
