"""Exactly once, shown with real processes: Celery workers and beat as subprocesses on the real
PostgreSQL and Redis, a real SMTP sink in this process. No eager mode.

Each message carries its outbox row's id in the X-Huis-Notification header; the sink counts them.
"""

import re
import time
from datetime import datetime, timedelta

import pytest
import redis
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from huis.notifications.models import Notification
from huis.notifications.services import notification_cancel, notification_schedule
from huis.notifications.tasks import send_due_notifications, send_notification

from .harness import Processes, SmtpSink, free_port, wait_until

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(240)]


@pytest.fixture
def processes(tmp_path):
    _forget_unacknowledged_tasks()
    started = Processes(tmp_path)
    yield started
    started.stop_all()
    _forget_unacknowledged_tasks()


def _forget_unacknowledged_tasks() -> None:
    # A killed worker's tasks wait in Redis for redelivery; they must not leak into the next test.
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")


def _rows(count: int, *, prefix: str = "race", due_in: timedelta = -timedelta(seconds=1)):
    """Rows that are due, with no send task queued: only a sweep finds them."""
    later = timezone.now() + timedelta(days=1)
    for i in range(count):
        notification_schedule(
            key=f"{prefix}:{i}",
            kind="test_message",
            context={"name": f"Person {i}"},
            email=f"person{i}@example.org",
            due_at=later,
        )
    due = timezone.now() + due_in
    Notification.objects.filter(key__startswith=f"{prefix}:").update(due_at=due, send_after=due)
    return list(Notification.objects.filter(key__startswith=f"{prefix}:").order_by("pk"))


def _all_sent(rows) -> bool:
    return Notification.objects.filter(
        pk__in=[r.pk for r in rows], status=Notification.Status.SENT
    ).count() == len(rows)


def _assert_each_once(sink: SmtpSink, rows) -> None:
    received = sink.handler.references()
    assert set(received) == {str(r.pk) for r in rows}
    duplicates = {ref: n for ref, n in received.items() if n != 1}
    assert duplicates == {}, f"delivered more than once: {duplicates}"
    assert _all_sent(rows)


def test_due_reminder_is_delivered_once_by_beat_and_worker(processes, visitor):
    visitor.preferred_language = "fr"
    visitor.save()
    reminder = notification_schedule(
        key=f"reminder-24h:registration:{visitor.pk}",
        kind="reminder",
        context={
            "name": "Vera",
            "title": "Atelier peinture",
            "when": "mardi 14:00",
            "place": "",
            "url": "",
        },
        recipient=visitor,
        due_at=timezone.now() + timedelta(seconds=2),
    )
    with SmtpSink() as sink:
        processes.worker("one", EMAIL_URL=sink.url)
        beat = processes.beat(NOTIFICATIONS_SWEEP_SECONDS="0.5")
        wait_until(lambda: len(sink.handler.messages) >= 1, timeout=60)
        # Let the schedule fire several more times: nothing more goes out.
        wait_until(lambda: beat.output().count("notifications.send_due") >= 6, timeout=30)
        time.sleep(1.5)
    _assert_each_once(sink, [reminder])
    message = sink.handler.messages[0]
    assert message["To"] == visitor.email
    assert "Vera" not in message["Subject"]
    assert message["Subject"]  # French, one line, nothing about the person
    parts = {part.get_content_type(): part for part in message.walk()}
    assert {"text/plain", "text/html"} <= set(parts)
    text = parts["text/plain"].get_payload(decode=True).decode()
    assert "Atelier peinture" in text
    reminder.refresh_from_db()
    assert reminder.attempts == 1


def test_the_schedule_firing_twice_in_a_row_delivers_once(processes):
    rows = _rows(10, prefix="twice")
    with SmtpSink(rcpt_delay=0.05) as sink:
        processes.worker("one", concurrency=2, EMAIL_URL=sink.url)
        send_due_notifications.delay()
        send_due_notifications.delay()
        wait_until(lambda: _all_sent(rows), timeout=60)
        time.sleep(0.5)
    _assert_each_once(sink, rows)


def test_two_workers_racing_over_the_same_rows_deliver_each_once(processes):
    rows = _rows(40, prefix="race")
    with SmtpSink(rcpt_delay=0.02) as sink:
        first = processes.worker("first", concurrency=2, EMAIL_URL=sink.url)
        second = processes.worker("second", concurrency=2, EMAIL_URL=sink.url)
        # Every way a row can be reached at once: sweeps on both workers and a task per row.
        for _ in range(4):
            send_due_notifications.delay()
        for row in rows:
            send_notification.delay(row.pk)
        wait_until(lambda: _all_sent(rows), timeout=90)
        time.sleep(0.5)
    _assert_each_once(sink, rows)
    # Both really worked at the same time, each on its own connection.
    assert "notifications.send" in first.output()
    assert "notifications.send" in second.output()


def test_many_due_rows_are_swept_by_both_processes_of_a_worker_each_once(processes):
    rows = _rows(60, prefix="help")
    with SmtpSink(rcpt_delay=0.05) as sink:
        worker = processes.worker(
            "busy",
            concurrency=2,
            EMAIL_URL=sink.url,
            NOTIFICATIONS_SWEEP_PROCESSES="2",
            NOTIFICATIONS_SWEEP_HELP_FROM="20",
        )
        send_due_notifications.delay()  # one sweep, as the beat starts it
        wait_until(lambda: _all_sent(rows), timeout=90)
        time.sleep(0.5)
    _assert_each_once(sink, rows)
    # The sweep asked the worker's other process to help: two sweeps, each sent part of the
    # rows, and they ran at the same time (each started before the other ended).
    sweeps = [
        (datetime.strptime(ended, "%H:%M:%S,%f"), float(took), int(sent))
        for ended, took, sent in re.findall(
            r"(\d\d:\d\d:\d\d,\d+) INFO celery\.app\.trace \[[^]]*\] "
            r"Task notifications\.send_due\[[^]]+\] succeeded in ([\d.]+)s: (\d+)",
            worker.output(),
        )
    ]
    assert len(sweeps) == 2, worker.output()
    assert all(sent > 0 for _ended, _took, sent in sweeps)
    assert sum(sent for _ended, _took, sent in sweeps) == len(rows)
    starts = [ended - timedelta(seconds=took) for ended, took, _sent in sweeps]
    assert max(starts) < min(ended for ended, _took, _sent in sweeps)


def test_a_worker_killed_mid_batch_then_restarted_delivers_each_once(processes):
    rows = _rows(20, prefix="killed")
    # A short visibility timeout: Redis hands the killed worker's unacknowledged sweep to the
    # restarted worker within seconds, as it would after an hour in production.
    with SmtpSink(rcpt_delay=0.3) as sink:
        doomed = processes.worker("doomed", EMAIL_URL=sink.url, CELERY_VISIBILITY_TIMEOUT="3")
        send_due_notifications.delay()
        wait_until(lambda: len(sink.handler.messages) >= 5, timeout=60)
        # Kill it while it waits on the server with the next message half handed over.
        wait_until(lambda: sink.handler.waiting > 0, timeout=10, interval=0.02)
        doomed.kill()
        handed_over = len(sink.handler.messages)
        assert 5 <= handed_over < len(rows)
        assert Notification.objects.filter(status="sent").count() == handed_over
        # Restarted, with nothing queued by us: the late-acknowledged sweep runs again.
        restarted = processes.worker("restarted", EMAIL_URL=sink.url, CELERY_VISIBILITY_TIMEOUT="3")
        wait_until(lambda: _all_sent(rows), timeout=90)
        time.sleep(0.5)
    _assert_each_once(sink, rows)
    assert "Task notifications.send_due" in restarted.output()


def test_smtp_failure_is_retried_then_marked_failed_and_staff_can_retry(processes, client, staff):
    nobody_listens = f"smtp://127.0.0.1:{free_port()}"
    worker = processes.worker("failing", EMAIL_URL=nobody_listens, NOTIFICATIONS_RETRY_DELAYS="1,1")
    message = notification_schedule(
        key="fails:1", kind="test_message", context={"name": "Vera"}, email="vera@example.org"
    )
    wait_until(
        lambda: Notification.objects.get(pk=message.pk).status == "failed",
        timeout=60,
        message=worker.output(),
    )
    message.refresh_from_db()
    assert message.attempts == 3
    assert "Connection refused" in message.last_error or "ConnectionRefused" in message.last_error
    assert message.sent_at is None

    # Staff see it, and send it again once the mail server is back.
    client.force_login(staff)
    page = client.get(reverse("notifications:failed"))
    assert "vera@example.org" in page.text
    worker.stop()
    with SmtpSink() as sink:
        processes.worker("healthy", EMAIL_URL=sink.url)
        response = client.post(reverse("notifications:retry", args=[message.pk]))
        assert response.status_code == 302
        wait_until(lambda: len(sink.handler.messages) == 1, timeout=60)
        time.sleep(0.5)
    _assert_each_once(sink, [message])


def test_a_cancelled_registrations_reminder_is_not_sent(processes):
    due = timezone.now() + timedelta(seconds=1)
    kept = notification_schedule(
        key="reminder-24h:registration:123",
        kind="test_message",
        context={"name": "Kept"},
        email="kept@example.org",
        due_at=due,
    )
    cancelled = notification_schedule(
        key="reminder-24h:registration:12",
        kind="test_message",
        context={"name": "Cancelled"},
        email="cancelled@example.org",
        due_at=due,
    )
    assert notification_cancel(key_prefix="reminder-24h:registration:12") == 1
    time.sleep(1.2)
    with SmtpSink() as sink:
        processes.worker("one", EMAIL_URL=sink.url)
        send_due_notifications.delay()
        wait_until(lambda: _all_sent([kept]), timeout=60)
        send_due_notifications.delay()
        time.sleep(1)
    _assert_each_once(sink, [kept])
    cancelled.refresh_from_db()
    assert cancelled.status == "cancelled"
    assert cancelled.sent_at is None
