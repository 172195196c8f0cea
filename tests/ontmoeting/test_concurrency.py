"""50 people press "sign me up" at the same moment for 10 places, through the real page.

Separate threads, each with its own database connection and test client, against the real
PostgreSQL. The control run (lock removed) is in tests/places/test_concurrency.py.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from huis.places.models import PlaceClaim
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
