"""The outbox under load: two workers sweeping at the same moment send each change once, and a
burst of 200 sign-ups in a minute becomes a handful of availability updates, not 200.

Real threads on their own database connections against PostgreSQL, and the fake Entry API. The
control run claims without SKIP LOCKED and without the claim token: then both workers send the
same changes, which shows the test would catch the race.
"""

import threading

import pytest
from django.db import connection, transaction

from ontmoeting.services import registration_cancel, registration_create_as_guest
from tests.factories import ActivityFactory
from uitdatabank import outbox
from uitdatabank.models import Change

from .conftest import sweep

pytestmark = pytest.mark.django_db(transaction=True)
EVENTS = 8


def _two_workers_at_once() -> None:
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def work() -> None:
        try:
            start.wait()
            outbox.send_due()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_two_workers_racing_send_each_change_once(connected):
    for n in range(EVENTS):
        ActivityFactory(category="creatief", title=f"Atelier {n}")
    connected.delay = 0.05  # requests take a while, so the sweeps overlap
    _two_workers_at_once()
    assert len(connected.api_requests("POST", "/events")) == EVENTS
    assert len(connected.events) == EVENTS
    assert set(Change.objects.values_list("status", flat=True)) == {"done"}
    assert sum(Change.objects.values_list("requests", flat=True)) == EVENTS


def _claim_without_locks_factory():
    """The control run: each worker reads what is due, and only then do they take it.

    Both read before either writes (first barrier) and both have taken the rows before either
    sends (second barrier, after the transaction so the row locks cannot deadlock). Without
    SKIP LOCKED and a per-worker token nothing stops them sending the same rows.
    """
    have_read, have_taken = threading.Barrier(2, timeout=10), threading.Barrier(2, timeout=10)
    first = threading.local()

    def claim(*, now=None, limit=outbox.BATCH):
        racing = not getattr(first, "done", False)
        first.done = True
        with transaction.atomic():
            ids = list(
                Change.objects.filter(status=Change.Status.PENDING).values_list("pk", flat=True)
            )
            if racing:
                have_read.wait()
            if ids:
                Change.objects.filter(pk__in=ids).update(
                    status=Change.Status.SENDING, claim_token="naive"
                )
        if racing:
            have_taken.wait()
        return "naive" if ids else None

    return claim


def test_control_without_the_claim_both_workers_send_the_same_changes(connected, monkeypatch):
    for n in range(EVENTS):
        ActivityFactory(category="creatief", title=f"Atelier {n}")
    monkeypatch.setattr(outbox, "claim", _claim_without_locks_factory())
    connected.delay = 0.05
    _two_workers_at_once()
    assert len(connected.api_requests("POST", "/events")) > EVENTS


def test_200_sign_ups_in_a_minute_give_a_bounded_number_of_updates(connected):
    activity = ActivityFactory(category="creatief", capacity=250, max_places_per_claim=4)
    sweep()
    for n in range(200):
        registration_create_as_guest(activity=activity, name=f"Gast {n}", email=f"g{n}@example.org")
        if n % 50 == 49:  # the beat sweeps every half minute: four times in these 200 sign-ups
            sweep(later=25)
    assert sweep(later=25) <= 1
    patches = connected.api_requests("PATCH")
    assert 1 <= len(patches) <= 5
    assert patches[-1][2] == [
        {"id": 0, "bookingAvailability": {"capacity": 250, "remainingCapacity": 50}}
    ]
    # At most one waiting availability change per event, whatever the burst.
    assert Change.objects.filter(status="pending").count() == 0
    assert Change.objects.filter(kind=Change.Kind.AVAILABILITY).count() <= 5


def test_available_again_after_a_cancellation(connected):
    from huis.places.models import PlaceClaim

    activity = ActivityFactory(category="creatief", capacity=1)
    sweep()
    registration_create_as_guest(activity=activity, name="Gast", email="gast@example.org")
    sweep(later=25)
    event = next(iter(connected.events.values()))
    assert event["bookingAvailability"] == {"type": "Unavailable"}
    registration_cancel(claim=PlaceClaim.objects.get(email="gast@example.org"), actor=None)
    sweep(later=25)
    assert event["bookingAvailability"] == {"type": "Available"}
    assert event["subEvent"][0]["bookingAvailability"]["remainingCapacity"] == 1
