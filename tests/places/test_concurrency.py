"""Under concurrency the places mechanism never gives more places than exist.

Real threads, each on its own database connection, against the real PostgreSQL. The control run
removes the lock (and widens the gap between counting and saving) to show that this test would
catch the race: without the lock, more than 10 people get a place.
"""

import threading
import time

import pytest
from django.db import connection

from huis.places.models import PlaceClaim, PlaceOffering
from huis.places.services import (
    OfferingSettings,
    claim_create,
    claims,
    offering_configure,
    offerings,
)
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 50
PLACES = 10


def _fire(offering) -> list[BaseException]:
    barrier = threading.Barrier(PEOPLE)
    errors: list[BaseException] = []

    def sign_up(n: int) -> None:
        try:
            barrier.wait()
            claim_create(offering=offering, name=f"P{n}", email=f"p{n}@test.example")
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def _offering():
    return offering_configure(
        holder=OrganisationFactory(), config=OfferingSettings(capacity=PLACES, is_open=True)
    )


def test_fifty_simultaneous_sign_ups_for_ten_places():
    offering = _offering()
    assert _fire(offering) == []
    claims = PlaceClaim.objects.filter(offering=offering)
    assert claims.filter(status="confirmed").count() == PLACES
    waiting = list(claims.filter(status="waiting").order_by("rank"))
    assert len(waiting) == PEOPLE - PLACES
    # In order: ranks are 1..40 without gaps, in the order the sign-ups were saved.
    assert [c.rank for c in waiting] == list(range(1, PEOPLE - PLACES + 1))
    assert [c.pk for c in waiting] == sorted(c.pk for c in waiting)
    offering.refresh_from_db()
    assert offering.taken == PLACES


def test_control_without_the_lock_the_race_gives_away_too_many_places(monkeypatch):
    offering = _offering()
    real_count = offerings._count_taken

    def unlocked(offering_id):
        return PlaceOffering.objects.get(pk=offering_id)

    def slow_count(o):
        n = real_count(o)
        time.sleep(0.05)  # the gap in which another sign-up counts the same places
        return n

    # claim_create takes the lock through its own module's name; the count is made in offerings.
    monkeypatch.setattr(claims, "_lock_offering", unlocked)
    monkeypatch.setattr(offerings, "_count_taken", slow_count)
    _fire(offering)  # some saves may also fail on the database's check constraint
    confirmed = PlaceClaim.objects.filter(offering=offering, status="confirmed").count()
    # Without the lock, each sign-up counts the places before the others save theirs.
    assert confirmed > PLACES
