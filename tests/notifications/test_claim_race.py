"""The claim is what keeps two senders apart. Threads on separate database connections race over
the same due rows; a control run with a claim that does not lock shows the test would catch it."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from huis.notifications import services
from huis.notifications.models import Notification
from huis.notifications.services import notification_schedule, notifications_send_due

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]

THREADS = 8
ROWS = 20


class _SlowRecordingBackend:
    """Takes its time per message, like a real mail server, and records what it was given."""

    sent: list[str] = []
    lock = threading.Lock()

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        import time

        time.sleep(0.01)
        with self.lock:
            self.sent.extend(m.extra_headers["X-Huis-Notification"] for m in messages)
        return len(messages)


@pytest.fixture
def slow_mail(settings):
    settings.MAILERS = {"default": {"BACKEND": f"{__name__}._SlowRecordingBackend"}}
    _SlowRecordingBackend.sent = []
    return _SlowRecordingBackend


def _due_rows() -> None:
    later = timezone.now() + timedelta(days=1)
    for i in range(ROWS):
        notification_schedule(
            key=f"claim:{i}",
            kind="test_message",
            context={"name": "X"},
            email="x@example.org",
            due_at=later,
        )
    past = timezone.now() - timedelta(seconds=1)
    Notification.objects.update(due_at=past, send_after=past)


def _race(target) -> None:
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def run():
        try:
            barrier.wait()
            target()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_racing_sweeps_send_each_row_once(slow_mail):
    _due_rows()
    _race(notifications_send_due)
    assert sorted(slow_mail.sent) == sorted(
        str(pk) for pk in Notification.objects.values_list("pk", flat=True)
    )
    assert Notification.objects.filter(status="sent").count() == ROWS


def test_control_without_the_lock_the_race_sends_twice(slow_mail, monkeypatch):
    """The same race with a claim that reads without locking: some rows go out more than once."""

    def claim_without_lock(notification_id=None):
        rows = Notification.objects.all()
        if notification_id is not None:
            rows = rows.filter(pk=notification_id)
        return (
            rows.filter(status="pending", send_after__lte=timezone.now())
            .order_by("send_after", "pk")
            .first()
        )

    monkeypatch.setattr(services, "_claim", claim_without_lock)
    _due_rows()
    _race(notifications_send_due)
    assert len(slow_mail.sent) > len(set(slow_mail.sent)) == ROWS
