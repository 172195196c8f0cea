"""Retention as data: the table starts from the rules' defaults, an administrator may change the
days, and the nightly task applies every rule (tested by moving the clock forward)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from huis.core.models import RetentionPolicy
from huis.core.retention import retention_apply, retention_policies_sync
from huis.core.tasks import apply_retention_task
from huis.places.models import PlaceClaim
from ontmoeting.models import Activity
from ontmoeting.privacy import GUEST_CONTACT_RULE
from ontmoeting.services import registration_create
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_up(visitor, django_capture_on_commit_callbacks):
    activity = ActivityFactory(title="Voorjaarswandeling")
    with django_capture_on_commit_callbacks(execute=False):
        guest = registration_create(
            activity=activity, actor=None, name="Gast Gerda", email="gerda@test.example"
        )
        member = registration_create(activity=activity, actor=visitor, user=visitor)
    PlaceClaim.objects.filter(pk=guest.pk).update(attendance="attended")
    return activity, guest, member


def test_the_table_starts_with_every_rules_default():
    retention_policies_sync()
    policy = RetentionPolicy.objects.get(key=GUEST_CONTACT_RULE)
    assert policy.days == 365


def test_the_nightly_task_is_scheduled(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["core-apply-retention"]
    assert entry["task"] == "core.apply_retention"
    assert apply_retention_task.name == "core.apply_retention"


def test_guest_contact_details_go_a_year_after_the_activity(signed_up):
    activity, guest, member = signed_up
    ends = Activity.objects.get(pk=activity.pk).ends_at

    # A day before the year is over: nothing changes.
    retention_apply(now=ends + dt.timedelta(days=364))
    guest.refresh_from_db()
    assert guest.name == "Gast Gerda" and guest.email == "gerda@test.example"

    # The clock moves past the year: the guest's name and address are erased, the row stays.
    counts = retention_apply(now=ends + dt.timedelta(days=366))
    assert counts[GUEST_CONTACT_RULE] == 1
    guest.refresh_from_db()
    assert guest.name == guest.email == guest.phone == "" and guest.erased_at is not None
    assert guest.attendance == "attended" and guest.status == PlaceClaim.Status.CONFIRMED
    # A sign-up with an account is the person's own: it stays until they delete their account.
    member.refresh_from_db()
    assert member.name and member.user_id
    policy = RetentionPolicy.objects.get(key=GUEST_CONTACT_RULE)
    assert policy.last_count == 1 and policy.last_applied_at is not None

    # Running again changes nothing more.
    assert retention_apply(now=ends + dt.timedelta(days=400))[GUEST_CONTACT_RULE] == 0


def test_the_administrator_shortens_the_period(signed_up):
    activity, guest, _member = signed_up
    retention_policies_sync()
    RetentionPolicy.objects.filter(key=GUEST_CONTACT_RULE).update(days=30)
    ends = Activity.objects.get(pk=activity.pk).ends_at
    retention_apply(now=ends + dt.timedelta(days=31))
    guest.refresh_from_db()
    assert guest.email == ""


def test_the_task_runs_with_the_real_clock(signed_up):
    activity, _guest, _member = signed_up
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=400, hours=2),
        ends_at=timezone.now() - dt.timedelta(days=400),
    )
    assert apply_retention_task.apply().get()[GUEST_CONTACT_RULE] == 1


def test_administrator_edits_the_days_in_the_admin(client, administrator):
    retention_policies_sync()
    policy = RetentionPolicy.objects.get(key=GUEST_CONTACT_RULE)
    client.force_login(administrator)
    url = reverse("admin:core_retentionpolicy_change", args=[policy.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"days": "200"})
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.days == 200
    bad = client.post(url, {"days": "0"})
    assert bad.status_code == 200 and "days" in bad.context["adminform"].form.errors


def test_privacy_page_shows_the_periods_from_the_table(client):
    retention_policies_sync()
    RetentionPolicy.objects.filter(key=GUEST_CONTACT_RULE).update(days=200)
    response = client.get(reverse("core:privacy"))
    assert response.status_code == 200
    assert "200" in response.text
    home = client.get(reverse("core:home"))
    assert reverse("core:privacy") in home.text  # linked from the footer


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_privacy_page_in_every_language(client, language):
    client.cookies["django_language"] = language
    response = client.get(reverse("core:privacy"))
    assert response.status_code == 200
    assert response.context["LANGUAGE_CODE"] == language
    heading = {"nl": "Je privacy", "fr": "Votre vie privée", "en": "Your privacy"}[language]
    assert heading in response.text
