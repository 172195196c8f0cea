"""The demo: three partners with a year of entries, signals, two recommendations; idempotent."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone

from huis.accounts.models import User
from kwartiermaken.models import OutreachEntry, PolicyRecommendation, Signal

pytestmark = pytest.mark.django_db


def test_demo_holds_a_year_of_work_by_three_partners_and_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    counts = (
        OutreachEntry.objects.count(),
        Signal.objects.count(),
        PolicyRecommendation.objects.count(),
    )
    call_command("seed_demo", "--quiet-logins")
    assert (
        OutreachEntry.objects.count(),
        Signal.objects.count(),
        PolicyRecommendation.objects.count(),
    ) == counts
    assert OutreachEntry.objects.values("organisation").distinct().count() == 3
    span = OutreachEntry.objects.aggregate(first=Min("date"), last=Max("date"))
    assert span["last"] - span["first"] >= dt.timedelta(days=330)
    assert counts[0] >= 300
    assert counts[1] >= 10
    statuses = set(PolicyRecommendation.objects.values_list("status", flat=True))
    assert statuses == {"answered", "draft"}
    # No names: every contact code holds a number.
    for codes in OutreachEntry.objects.exclude(contact_codes=[]).values_list(
        "contact_codes", flat=True
    ):
        assert all(any(c.isdigit() for c in code) for code in codes)

    partner = User.objects.get(email="partner@huis.example")
    client.force_login(partner)
    start = client.get(reverse("kwartiermaken:home"))
    assert len(start.context["follow_ups"]) >= 2
    assert all(
        e.follow_up_on <= timezone.localdate() + dt.timedelta(days=7)
        for e in start.context["follow_ups"]
    )
    client.force_login(User.objects.get(email="coordinator@huis.example"))
    overview = client.get(reverse("kwartiermaken:overview"), {"jaar": "alle"}).context["overview"]
    assert overview.total_entries == counts[0]
