"""The outbox in one process: scheduling, idempotency, channels, languages, rendering, retries,
cancelling. Delivery across real processes is in test_workers.py."""

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
    render,
)
from tests.factories import UserFactory

from .harness import free_port

pytestmark = pytest.mark.django_db

LOCMEM = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.MAILERS = LOCMEM


def _schedule(**overrides):
    values = {
        "key": "test:1",
        "kind": "test_message",
        "context": {"name": "Vera"},
        "due_at": timezone.now() + timedelta(hours=1),
    }
    values.update(overrides)
    return notification_schedule(**values)


def _make_due(*notifications):
    past = timezone.now() - timedelta(seconds=1)
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        due_at=past, send_after=past
    )


def test_schedule_is_idempotent_on_key(visitor):
    first = _schedule(recipient=visitor)
    second = _schedule(recipient=visitor, context={"name": "Other"})
    assert first.pk == second.pk
    assert Notification.objects.count() == 1
    assert first.email == visitor.email
    assert first.channel == "email"
    assert first.language == visitor.preferred_language
    assert first.status == "pending"


def test_due_message_is_sent_once(visitor):
    notification = _schedule(recipient=visitor, due_at=timezone.now() - timedelta(seconds=1))
    assert notifications_send_due() == 1
    assert notifications_send_due() == 0
    assert notification_send(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1
    notification.refresh_from_db()
    assert notification.status == "sent"
    assert notification.attempts == 1
    assert notification.sent_at is not None


def test_a_reminder_is_not_sent_before_its_time(visitor):
    notification = _schedule(recipient=visitor)
    assert notifications_send_due() == 0
    assert notification_send(notification_id=notification.pk) is False
    assert mail.outbox == []


def test_the_send_task_is_queued_only_after_commit(visitor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        _schedule(recipient=visitor, key="now", due_at=None)
        _schedule(recipient=visitor, key="later")
        _schedule(recipient=visitor, key="now", due_at=None)  # the same key again
    assert len(callbacks) == 1


def test_a_guest_gets_email_or_else_a_text_message():
    by_mail = _schedule(key="guest:1", email="guest@example.org", phone="+32470000000")
    by_text = _schedule(key="guest:2", phone="+32470000000")
    assert (by_mail.channel, by_mail.email, by_mail.phone) == ("email", "guest@example.org", "")
    assert (by_text.channel, by_text.phone) == ("sms", "+32470000000")
    assert _schedule(key="guest:3") is None


def test_the_recipients_chosen_channels_are_used(visitor):
    visitor.phone = "+32470000001"
    visitor.save()
    NotificationPreference.objects.create(user=visitor, by_email=True, by_sms=True)
    first = _schedule(recipient=visitor, key="both:1")
    assert first.channel == "email"
    text = Notification.objects.get(key="both:1:sms")
    assert (text.channel, text.phone) == ("sms", "+32470000001")


def test_a_person_who_wants_no_messages_gets_none(visitor):
    NotificationPreference.objects.create(user=visitor, by_email=False, by_sms=False)
    assert _schedule(recipient=visitor) is None
    assert not Notification.objects.exists()


def test_language_is_given_then_the_recipients_then_the_active_one():
    french = UserFactory(preferred_language="fr")
    assert _schedule(key="l:1", recipient=french).language == "fr"
    assert _schedule(key="l:2", recipient=french, language="en").language == "en"
    from django.utils import translation

    with translation.override("en"):
        assert _schedule(key="l:3", email="x@example.org").language == "en"


def test_messages_render_in_the_rows_language_as_text_and_html():
    notification = _schedule(
        key="render",
        kind="reminder",
        email="x@example.org",
        language="fr",
        context={"name": "Jan & Els", "title": "Yoga", "when": "lundi", "place": "", "url": ""},
    )
    rendered = render(notification)
    assert "\n" not in rendered.subject
    assert "Jan & Els" not in rendered.subject
    assert "Jan & Els" in rendered.text  # plain text is not HTML-escaped
    assert "Jan &amp; Els" in rendered.html
    assert '<html lang="fr">' in rendered.html
    assert "http://" in rendered.html  # site_url in the footer
    assert rendered.sms == ""  # an email row: its short text is not written


def test_a_text_message_renders_only_its_short_text_and_falls_back_to_the_email_text():
    context = {"name": "Vera", "title": "Yoga", "when": "maandag", "place": "", "url": ""}
    short = render(_schedule(key="sms-own", kind="reminder", phone="+32470000003", context=context))
    assert "Yoga" in short.sms and "\n\n" not in short.sms
    assert (short.subject, short.text, short.html) == ("", "", "")
    # A kind without sms.txt sends its email text, in the row's language.
    fallback = render(
        _schedule(key="sms-fallback", kind="test_message", phone="+32470000004", language="nl")
    )
    assert "Vera" in fallback.sms


def test_email_has_both_parts_and_attachments(visitor):
    notification = _schedule(
        recipient=visitor,
        due_at=timezone.now() - timedelta(seconds=1),
        attachments=[
            {"filename": "a.ics", "content": "BEGIN:VCALENDAR", "mimetype": "text/calendar"}
        ],
    )
    notification_send(notification_id=notification.pk)
    (message,) = mail.outbox
    assert message.to == [visitor.email]
    assert message.alternatives[0].mimetype == "text/html"
    assert message.attachments[0].filename == "a.ics"
    assert message.extra_headers["X-Huis-Notification"] == str(notification.pk)


def test_text_messages_go_through_the_sms_backend(settings, tmp_path):
    settings.NOTIFICATIONS_SMS_BACKEND = "huis.notifications.channels.FileSmsBackend"
    settings.NOTIFICATIONS_SMS_FILE_PATH = str(tmp_path)
    notification = _schedule(
        key="sms",
        kind="reminder",
        phone="+32470000002",
        due_at=timezone.now() - timedelta(seconds=1),
        context={"name": "Vera", "title": "Yoga", "when": "maandag", "place": "", "url": ""},
    )
    assert notification_send(notification_id=notification.pk) is True
    (sent,) = tmp_path.glob("*.sms")
    body = sent.read_text()
    assert "+32470000002" in body and "Yoga" in body
    assert mail.outbox == []


def test_cancel_matches_whole_key_segments_and_only_pending_rows():
    for key in [
        "reminder:registration:12",
        "reminder:registration:12:sms",
        "reminder:registration:123",
    ]:
        _schedule(key=key, email="x@example.org")
    sent = _schedule(key="reminder:registration:7", email="x@example.org")
    Notification.objects.filter(pk=sent.pk).update(status="sent", sent_at=timezone.now())
    assert notification_cancel(key_prefix="reminder:registration:12") == 2
    assert notification_cancel(key_prefix="reminder:registration:7") == 0
    statuses = dict(Notification.objects.values_list("key", "status"))
    assert statuses == {
        "reminder:registration:12": "cancelled",
        "reminder:registration:12:sms": "cancelled",
        "reminder:registration:123": "pending",
        "reminder:registration:7": "sent",
    }
    _make_due(*Notification.objects.all())
    assert notifications_send_due() == 1
    assert len(mail.outbox) == 1


@pytest.mark.allow_logged_errors
def test_failures_are_retried_with_backoff_then_marked_failed(settings):
    port = free_port()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 2},
        }
    }
    settings.NOTIFICATIONS_RETRY_DELAYS = [60, 600]
    notification = _schedule(email="x@example.org", due_at=timezone.now() - timedelta(seconds=1))
    assert notification_send(notification_id=notification.pk) is False
    notification.refresh_from_db()
    assert (notification.status, notification.attempts) == ("pending", 1)
    assert notification.send_after > timezone.now() + timedelta(seconds=50)
    assert "Connection" in notification.last_error
    # Not due again before the backoff has passed.
    assert notification_send(notification_id=notification.pk) is False
    for attempts, status in [(2, "pending"), (3, "failed")]:
        _make_due(notification)
        notification_send(notification_id=notification.pk)
        notification.refresh_from_db()
        assert (notification.attempts, notification.status) == (attempts, status)
    _make_due(notification)
    assert notifications_send_due() == 0


@pytest.mark.parametrize(
    ("processes", "due", "helpers"),
    [(1, 500, 0), (2, 199, 0), (2, 200, 1), (2, 900, 1), (3, 450, 2), (3, 250, 1)],
)
def test_a_sweep_asks_for_helpers_by_the_rows_due(settings, processes, due, helpers):
    from huis.notifications.sweep import sweep_helpers_wanted

    settings.NOTIFICATIONS_SWEEP_PROCESSES = processes
    settings.NOTIFICATIONS_SWEEP_HELP_FROM = 200
    past = timezone.now() - timedelta(minutes=1)
    Notification.objects.bulk_create(
        Notification(
            key=f"help:{n}",
            kind="test_message",
            email=f"p{n}@example.org",
            due_at=past,
            send_after=past,
        )
        for n in range(due)
    )
    # Rows sent already or not due yet do not count.
    Notification.objects.bulk_create(
        [
            Notification(
                key="help:sent", kind="test_message", status="sent", send_after=past, sent_at=past
            ),
            Notification(
                key="help:later",
                kind="test_message",
                due_at=past,
                send_after=timezone.now() + timedelta(hours=1),
            ),
        ]
    )
    assert sweep_helpers_wanted() == helpers
