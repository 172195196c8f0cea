"""The demo gives a pool of 25 experts and a month of requests, and running it twice changes
nothing."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from ervaringsdeskundigen.models import Assignment, Expert, ExpertRequest, IntervisionSession
from huis.accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_pool_and_month_of_requests_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    counts = (
        Expert.objects.count(),
        ExpertRequest.objects.count(),
        Assignment.objects.count(),
        IntervisionSession.objects.count(),
    )
    call_command("seed_demo", "--quiet-logins")
    assert counts == (
        Expert.objects.count(),
        ExpertRequest.objects.count(),
        Assignment.objects.count(),
        IntervisionSession.objects.count(),
    )
    assert counts[0] == 25
    assert counts[1] >= 25
    statuses = set(ExpertRequest.objects.values_list("status", flat=True))
    assert {"new", "in_progress", "proposed", "confirmed", "done", "evaluated"} <= statuses
    assert Expert.objects.filter(user__email="ervaringsdeskundige@huis.example").exists()
    client.force_login(Expert.objects.get(user__email="ervaringsdeskundige@huis.example").user)
    assert client.get(reverse("ervaringsdeskundigen:dashboard")).status_code == 200
    client.force_login(User.objects.get(email="coordinator@huis.example"))
    inbox = client.get(reverse("ervaringsdeskundigen:inbox"))
    assert "Sint-Lucasschool Gent" in inbox.text or "AZ Zeestad" in inbox.text
    proposed = ExpertRequest.objects.filter(status="in_progress").first()
    page = client.get(reverse("ervaringsdeskundigen:request_detail", args=[proposed.pk]))
    assert page.status_code == 200
