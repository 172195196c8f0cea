"""The benchmark's volunteer part: volunteers of the crowd, five years of shifts with their
places (never more than needed), the people on them and the hours of the past ones; the boards
answer on it with a fixed number of queries."""

import io
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from huis.places.models import PlaceClaim, PlaceOffering
from tests.factories import UserFactory
from vrijwilligers import scale
from vrijwilligers.models import Shift, ShiftHours, Volunteer

pytestmark = pytest.mark.django_db


def test_scale_seeder_makes_volunteers_and_shifts(client, coordinator):
    for n in range(30):
        UserFactory(email=f"persoon{n}@scale.example")
    scale.seed(sizes={"volunteers": 20, "shifts": 600}, rng=random.Random(1), stdout=io.StringIO())
    assert Volunteer.objects.count() == 21  # and the benchmark's own volunteer
    assert Shift.objects.count() == 600
    assert not PlaceOffering.objects.filter(taken__gt=models_f("capacity")).exists()
    assert PlaceClaim.objects.filter(status="confirmed").count() == sum(
        PlaceOffering.objects.values_list("taken", flat=True)
    )
    assert ShiftHours.objects.exists()
    client.force_login(coordinator)
    for name in ("vrijwilligers:board_week", "vrijwilligers:board_month"):
        client.get(reverse(name))
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        assert len(queries) <= 20


def models_f(name):
    from django.db.models import F

    return F(name)
