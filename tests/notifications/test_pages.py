"""The staff page of failed messages, its retry button, and each person's choice of channels."""

import pytest
from django.urls import reverse
from django.utils import timezone

from huis.audit.models import AuditEntry
from huis.notifications.models import Notification, NotificationPreference
from huis.notifications.services import notification_schedule

pytestmark = pytest.mark.django_db


def _failed(n: int = 1) -> list[Notification]:
    rows = []
    for i in range(n):
        row = notification_schedule(
            key=f"failed:{Notification.objects.count()}:{i}",
            kind="test_message",
            context={"name": "Vera"},
            email=f"failed{i}@example.org",
            due_at=timezone.now() + timezone.timedelta(days=1),
        )
        rows.append(row)
    Notification.objects.filter(pk__in=[r.pk for r in rows]).update(
        status="failed", attempts=5, last_error="ConnectionRefusedError: refused"
    )
    return rows


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("visitor", 403),
        ("partner_a", 403),
        ("staff", 200),
        ("coordinator", 200),
    ],
)
def test_failed_messages_page_is_for_the_house_only(as_role, role, expected):
    _failed()
    response = as_role(role).get(reverse("notifications:failed"))
    assert response.status_code == expected
    if role == "anonymous":
        assert reverse("account_login") in response.url


@pytest.mark.parametrize(("role", "expected"), [("anonymous", 302), ("visitor", 403)])
def test_only_the_house_may_retry(as_role, role, expected):
    (row,) = _failed()
    response = as_role(role).post(reverse("notifications:retry", args=[row.pk]))
    assert response.status_code == expected
    row.refresh_from_db()
    assert row.status == "failed"


def test_staff_see_failed_messages_and_retry_one(client, staff, django_capture_on_commit_callbacks):
    (failed,) = _failed()
    pending = notification_schedule(
        key="still-pending",
        kind="test_message",
        context={"name": "X"},
        email="p@example.org",
        due_at=timezone.now() + timezone.timedelta(days=1),
    )
    client.force_login(staff)
    page = client.get(reverse("notifications:failed"))
    assert "failed0@example.org" in page.text
    assert "p@example.org" not in page.text
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("notifications:retry", args=[failed.pk]))
    assert response.status_code == 302
    assert len(callbacks) == 1  # the send task, after commit
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("pending", 0)
    assert AuditEntry.objects.filter(action="notifications.retried", actor_id=staff.pk).exists()
    # A row that is not failed cannot be retried: 404, as if it did not exist.
    assert client.post(reverse("notifications:retry", args=[pending.pk])).status_code == 404
    assert client.get(reverse("notifications:retry", args=[failed.pk])).status_code == 405


def test_failed_page_costs_the_same_queries_at_two_sizes(client, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff)
    client.get(reverse("notifications:failed"))  # the session is cached from here on
    _failed(1)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("notifications:failed"))
    _failed(10)
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("notifications:failed"))
    assert len(small) == len(large)


def test_the_dashboard_links_to_failed_messages(client, staff):
    client.force_login(staff)
    page = client.get(reverse("core:dashboard"))
    assert reverse("notifications:failed") in page.text


def test_a_person_chooses_their_channels_on_their_profile(client, visitor):
    client.force_login(visitor)
    page = client.get(reverse("accounts:profile"))
    assert 'name="notify_by_email"' in page.text
    data = {
        "display_name": visitor.display_name,
        "preferred_language": "nl",
        "phone": "+32470000003",
        "notify_by_sms": "on",
    }
    assert client.post(reverse("accounts:profile"), data).status_code == 302
    preference = NotificationPreference.objects.get(user=visitor)
    assert (preference.by_email, preference.by_sms) == (False, True)
    assert AuditEntry.objects.filter(action="notifications.preference_updated").count() == 1
    # Saving again without a change writes no new audit entry.
    client.post(reverse("accounts:profile"), data)
    assert AuditEntry.objects.filter(action="notifications.preference_updated").count() == 1


def test_text_messages_need_a_phone_number(client, visitor):
    client.force_login(visitor)
    data = {"display_name": "Vera", "preferred_language": "nl", "phone": "", "notify_by_sms": "on"}
    response = client.post(reverse("accounts:profile"), data)
    assert response.status_code == 200
    assert not NotificationPreference.objects.filter(user=visitor).exists()


def test_default_is_email_only(visitor):
    from huis.notifications.services import preference_for

    assert preference_for(user=visitor).channels == ["email"]


def test_demo_data_is_idempotent(settings):
    from huis.accounts import demo as accounts_demo
    from huis.notifications import demo

    settings.DEBUG = True
    accounts_demo.seed(stdout=None)
    demo.seed(stdout=None)
    demo.seed(stdout=None)
    assert Notification.objects.filter(status="failed").count() == 1
    preference = NotificationPreference.objects.get(user__email="bezoeker2@huis.example")
    assert preference.channels == ["email", "sms"]
