"""The benchmark's part of ervaringsdeskundigen: bulk, deterministic and consistent (no clash of
an expert's active assignments, accepted ones within the monthly maximum, caps kept)."""

import io
import random
from collections import Counter

import pytest
from django.db.models import Sum

from ervaringsdeskundigen import scale
from ervaringsdeskundigen.models import AllowanceRate, Assignment, Expert, ExpertRequest
from huis.accounts import scale as accounts_scale

pytestmark = pytest.mark.django_db

SIZES = {"people": 120, "partners": 2, "experts": 40, "requests": 600, "assignments": 900}


def _seed(seed=7):
    rng = random.Random(seed)
    accounts_scale.seed(sizes=SIZES, rng=rng, stdout=io.StringIO())
    scale.seed(sizes=SIZES, rng=rng, stdout=io.StringIO())


def test_sizes_and_consistency():
    _seed()
    assert Expert.objects.count() == 40
    assert ExpertRequest.objects.count() == 600
    assert Assignment.objects.count() == 900
    active = Assignment.objects.filter(status__in=["proposed", "accepted"]).order_by(
        "expert_id", "starts_at"
    )
    previous = None
    for a in active:
        if previous is not None and previous.expert_id == a.expert_id:
            assert previous.ends_at <= a.starts_at, "an expert has two assignments at once"
        previous = a
    loads = Counter(
        (a.expert_id, a.starts_at.year, a.starts_at.month)
        for a in Assignment.objects.filter(status="accepted")
    )
    maxima = dict(Expert.objects.values_list("pk", "max_per_month"))
    assert all(n <= maxima[expert] for (expert, _y, _m), n in loads.items())
    for rate in AllowanceRate.objects.all():
        for row in (
            Assignment.objects.filter(starts_at__year=rate.year, report_status="approved")
            .values("expert_id")
            .annotate(total=Sum("flat_amount"))
        ):
            assert row["total"] <= rate.yearly_cap


def test_the_same_seed_gives_the_same_data():
    _seed()
    first = list(
        Assignment.objects.order_by("starts_at", "status", "expert__user__email").values_list(
            "status", "expert__user__email", "starts_at"
        )
    )
    for model in (Assignment, ExpertRequest, Expert):
        model.objects.all().delete()
    from huis.accounts.models import Organisation, User

    User.objects.all().delete()
    Organisation.objects.all().delete()
    _seed()
    second = list(
        Assignment.objects.order_by("starts_at", "status", "expert__user__email").values_list(
            "status", "expert__user__email", "starts_at"
        )
    )
    assert first == second
