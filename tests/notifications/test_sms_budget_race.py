"""The monthly text budget holds with two sweeps at once: two threads, each on its own database
connection, sweep the same due reminders against PostgreSQL and the shared count in Redis; not
one reminder goes beyond the budget, and a confirmation still goes after it. The control run
checks the budget the old way (read the count, then send) and goes over it."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from huis.notifications import sms
from huis.notifications.models import Notification
from huis.notifications.services import (
    notification_schedule,
    notification_send,
    notifications_send_due,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]

BUDGET = 5
REMINDERS = 14
CONTEXT = {
    "title": "Samen koken",
    "start": "10:00",
    "day": "dinsdag 1 december 2026",
    "day_short": "di 1/12",
    "manage_url": "https://huis.example/agenda/",
}


class _SlowSms:
    """A provider that takes its time per message (as Twilio does) and records what it got."""

    sent: list[str] = []
    lock = threading.Lock()

    def send(self, *, to: str, text: str, reference: str) -> str | None:
        time.sleep(0.03)
        with self.lock:
            self.sent.append(reference)
        return f"SM{reference}"


@pytest.fixture
def slow_sms(settings):
    settings.NOTIFICATIONS_SMS_BACKEND = f"{__name__}._SlowSms"
    settings.NOTIFICATIONS_SMS_MONTHLY_BUDGET = BUDGET
    _SlowSms.sent = []
    return _SlowSms


def _due_reminders() -> None:
    for n in range(REMINDERS):
        notification_schedule(
            key=f"budget-race:{n}",
            kind="ontmoeting_reminder",
            context=CONTEXT,
            phone=f"+324701000{n:02d}",
            language="nl",
            due_at=timezone.now() + timedelta(days=1),
        )
    past = timezone.now() - timedelta(seconds=1)
    Notification.objects.update(due_at=past, send_after=past)


def _two_sweeps() -> None:
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def sweep():
        try:
            barrier.wait()
            notifications_send_due()
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


def test_two_sweeps_at_once_send_no_reminder_beyond_the_budget(slow_sms):
    _due_reminders()
    _two_sweeps()
    assert len(slow_sms.sent) == BUDGET
    assert Notification.objects.filter(status="sent").count() == BUDGET
    held_back = Notification.objects.filter(status="cancelled")
    assert held_back.count() == REMINDERS - BUDGET
    assert all("budget" in row.last_error for row in held_back)
    # Confirmations still go beyond the budget.
    confirmation = notification_schedule(
        key="budget-race:confirmation",
        kind="ontmoeting_registration_confirmed",
        context=CONTEXT,
        phone="+32470200000",
        language="nl",
        due_at=timezone.now() + timedelta(days=1),
    )
    Notification.objects.filter(pk=confirmation.pk).update(send_after=timezone.now())
    assert notification_send(notification_id=confirmation.pk) is True
    assert len(slow_sms.sent) == BUDGET + 1


def test_control_reading_the_count_before_sending_goes_over_the_budget(slow_sms, monkeypatch):
    """The old way: each sweep reads the month's count and sends when it is below the budget.
    Two sweeps read the same count while both send: more reminders than the budget go out."""

    def read_then_send(*, reminder: bool, budget: int) -> sms.Budget | None:
        state = sms.budget_state()
        return state if state.reached else None

    monkeypatch.setattr(sms, "_reserve", read_then_send)
    _due_reminders()
    _two_sweeps()
    assert len(slow_sms.sent) > BUDGET
