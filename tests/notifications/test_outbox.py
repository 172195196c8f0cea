"""The outbox in one process: scheduling, idempotency, channels, languages, rendering, cancel."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from huis.notifications.models import Notification, NotificationPreference
from huis.notifications.services import (
    notification_cancel,
    notification_schedule,
    notification_send,
    notifications_send_due,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


def _schedule(**overrides):
    values = {
        "key": "test:1",
        "kind": "test_message",
        "context": {"name": "Vera"},
        "due_at": timezone.now() + timedelta(hours=1),
    }
    values.update(overrides)
    return notification_schedule(**values)


def test_schedule_is_idempotent_on_key(visitor):
    first = _schedule(recipient=visitor)
    second = _schedule(recipient=visitor, context={"name": "Other"})
    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert first.email == visitor.email
    assert first.channel == "email"
    assert first.language == visitor.preferred_language


def test_due_reminder_is_sent_once_by_the_sweep(visitor):
    notification = _schedule(recipient=visitor, due_at=timezone.now() - timedelta(seconds=1))
    assert notifications_send_due() == 1
    assert notifications_send_due() == 0
    assert notification_send(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.status == "sent"
    assert notification.attempts == 1
