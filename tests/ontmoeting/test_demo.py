"""The demo fills the next four weeks of the agenda, and running it twice changes nothing."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from ontmoeting.models import Activity, OpenHours

pytestmark = pytest.mark.django_db


def test_demo_fills_four_weeks_and_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    counts = (Activity.objects.count(), OpenHours.objects.count())
    call_command("seed_demo", "--quiet-logins")
    assert (Activity.objects.count(), OpenHours.objects.count()) == counts
    published = Activity.objects.filter(status="published")
    today = timezone.localdate()
    weeks = {
        (timezone.localtime(a.starts_at).date() - today).days // 7
        for a in published
        if timezone.localtime(a.starts_at).date() > today
    }
    assert {0, 1, 2, 3} <= weeks
    assert published.filter(offering__capacity__isnull=True).exists()
    assert published.filter(series__isnull=False).exists()
    assert OpenHours.objects.count() >= 2
    assert published.filter(starts_at__lte=timezone.now() + dt.timedelta(weeks=4)).count() >= 15
    html = client.get(reverse("ontmoeting:home")).text
    assert "Schilderatelier" in html or "Zachte yoga" in html
