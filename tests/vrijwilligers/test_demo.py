"""The demo: volunteers (one of them the demo expert), applications, a month of shifts with
gaps and last month's hours; idempotent; the boards and pages open on it."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from huis.accounts.models import User
from vrijwilligers.models import Application, Shift, ShiftHours, Volunteer
from vrijwilligers.selectors import board

pytestmark = pytest.mark.django_db


def test_demo_has_a_month_of_shifts_with_gaps_and_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    counts = (Volunteer.objects.count(), Shift.objects.count(), ShiftHours.objects.count())
    call_command("seed_demo", "--quiet-logins")
    assert (
        Volunteer.objects.count(),
        Shift.objects.count(),
        ShiftHours.objects.count(),
    ) == counts
    assert counts[0] >= 5 and counts[1] >= 25
    assert Application.objects.filter(status="new").count() == 2
    assert ShiftHours.objects.filter(status="confirmed").exists()
    coordinator = User.objects.get(email="coordinator@huis.example")
    days = board(user=coordinator, start=timezone.localdate(), days=31)
    items = [s for d in days for s in d.shifts]
    assert {"full", "gap"} <= {s.state for s in items}

    client.force_login(coordinator)
    for name in ["board_week", "board_month", "volunteer_list", "hours_list", "figures"]:
        assert client.get(reverse(f"vrijwilligers:{name}")).status_code == 200
    client.force_login(User.objects.get(email="vrijwilliger@huis.example"))
    for name in ["mine", "my_hours"]:
        assert client.get(reverse(f"vrijwilligers:{name}")).status_code == 200
