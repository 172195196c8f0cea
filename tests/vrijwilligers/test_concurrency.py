"""Volunteers pressing "I will come" for the last place of a shift at the same moment, in real
threads with their own database connections: one gets the place, the others wait in order.
The control run takes away the shift's lock (and widens the gap between counting and saving):
then more volunteers than needed are told they are on, which shows the test would catch it.
Two volunteers taking over the same swap at once: one takes it, the other is told kindly."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from huis.places.models import PlaceClaim, PlaceOffering
from huis.places.services import claims as place_claims
from huis.places.services import offerings as place_offerings
from tests.factories import UserFactory
from vrijwilligers import services

from .factories import shift, volunteer

pytestmark = pytest.mark.django_db(transaction=True)

RACERS = 8


def _race(func, args_list) -> list[BaseException]:
    barrier = threading.Barrier(len(args_list))
    errors: list[BaseException] = []

    def run(args) -> None:
        try:
            barrier.wait()
            func(*args)
        except BaseException as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def _last_place():
    s = shift(UserFactory(), needed=3)
    for name in ("Eerste", "Tweede"):
        v = volunteer(name)
        services.shift_sign_up(shift=s, volunteer=v, actor=v.user)
    return s, [volunteer(f"Racer {n}") for n in range(RACERS)]


def _sign_up(s, v):
    services.shift_sign_up(shift=s, volunteer=v, actor=v.user)


def test_racing_for_the_last_place_one_gets_it_the_others_wait():
    s, racers = _last_place()
    assert _race(_sign_up, [(s, v) for v in racers]) == []
    claims = PlaceClaim.objects.filter(offering_id=s.offering_id)
    assert claims.filter(status="confirmed").count() == 3
    waiting = list(claims.filter(status="waiting").order_by("rank"))
    assert [c.rank for c in waiting] == list(range(1, RACERS))
    s.offering.refresh_from_db()
    assert s.offering.taken == 3


def test_racing_through_the_page_answers_everyone(client):
    s, racers = _last_place()
    url = reverse("vrijwilligers:shift_sign_up", args=[s.pk])
    statuses: list[int] = []

    def press(v):
        c = Client()
        c.force_login(v.user)
        statuses.append(c.post(url).status_code)

    assert _race(press, [(v,) for v in racers]) == []
    assert statuses == [302] * RACERS
    assert PlaceClaim.objects.filter(offering_id=s.offering_id, status="confirmed").count() == 3


def test_control_without_the_lock_more_volunteers_than_needed_are_on(monkeypatch):
    s, racers = _last_place()
    real_count = place_offerings._count_taken

    def unlocked(offering_id):
        return PlaceOffering.objects.get(pk=offering_id)

    def slow_count(o):
        n = real_count(o)
        time.sleep(0.05)
        return n

    monkeypatch.setattr(place_claims, "_lock_offering", unlocked)
    monkeypatch.setattr(place_offerings, "_count_taken", slow_count)
    errors = _race(_sign_up, [(s, v) for v in racers])
    confirmed = PlaceClaim.objects.filter(offering_id=s.offering_id, status="confirmed").count()
    # Without the lock each sign-up counts the places before the others save theirs: more than
    # the three needed are on, or the database's own check refuses some of them mid-race.
    assert confirmed > 3 or errors, (confirmed, errors)


def test_two_volunteers_take_over_the_same_swap_at_once():
    s = shift(UserFactory(), needed=1)
    giver = volunteer("Gever")
    services.shift_sign_up(shift=s, volunteer=giver, actor=giver.user)
    swap = services.swap_ask(shift=s, volunteer=giver, actor=giver.user)
    takers = [volunteer(f"Nemer {n}") for n in range(4)]

    def take(v):
        services.swap_take(swap=swap, volunteer=v, actor=v.user)

    errors = _race(take, [(v,) for v in takers])
    assert len(errors) == 3
    assert all(isinstance(e, services.VolunteersError) for e in errors)
    confirmed = PlaceClaim.objects.filter(offering_id=s.offering_id, status="confirmed")
    assert confirmed.count() == 1 and confirmed.get().user_id in {v.user_id for v in takers}
