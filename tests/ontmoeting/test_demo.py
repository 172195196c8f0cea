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


def test_demo_has_past_activities_with_anonymous_feedback_staff_and_report_see(settings, client):
    from huis.accounts.models import User
    from huis.core.report.figures import Period
    from ontmoeting import report
    from ontmoeting.models import ActivityFeedback

    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    answers = ActivityFeedback.objects.count()
    call_command("seed_demo", "--quiet-logins")
    assert ActivityFeedback.objects.count() == answers >= 10  # idempotent
    past = Activity.objects.filter(feedback__isnull=False, ends_at__lt=timezone.now()).distinct()
    assert past.count() == 3
    for activity in past:
        assert activity.status == "published" and activity.offering.taken > 0
        assert activity.offering.taken >= activity.feedback.count()  # one answer per place
    activity = past.order_by("starts_at").last()
    comment = activity.feedback.exclude(comment="").first().comment
    client.force_login(User.objects.get(email="medewerker@huis.example"))
    html = client.get(reverse("ontmoeting:staff_activity", args=[activity.pk])).text
    assert comment in html
    faces = {f: ActivityFeedback.objects.filter(face=f) for f in (1, 2, 3)}
    today = timezone.localdate()
    days = Period(today - dt.timedelta(days=30), today)
    section = report.build(period=days)
    assert section.value("feedback") == answers
    assert section.value("feedback_good") == faces[3].count() > 0
    assert section.value("feedback_bad") == faces[1].count()
