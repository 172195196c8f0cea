"""The sweep claims the next due row straight from an index, in order, even when thousands are
due at the same moment (all reminders of a popular activity are due 24 hours before it): without
(send_after, id) in the index, every claim sorted all of them and a sweep of 10,000 slowed down
threefold (bench/run --sweep)."""

import datetime as dt

import pytest
from django.db import connection, transaction
from django.utils import timezone

from huis.notifications.models import Notification
from huis.notifications.services import _claim, _statements

pytestmark = pytest.mark.django_db


def test_the_claim_reads_the_due_rows_in_index_order_without_sorting_them():
    due = timezone.now() - dt.timedelta(minutes=1)
    Notification.objects.bulk_create(
        Notification(
            key=f"reminder:{n}",
            kind="ontmoeting_reminder",
            email=f"p{n}@example.org",
            channel="email",
            context={},
            due_at=due,
            send_after=due,
        )
        for n in range(300)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE notifications_notification")
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + _statements()[0], [timezone.now()])
            plan = "\n".join(row[0] for row in cursor.fetchall())
        first = _claim()
    assert "notification_due_order_idx" in plan, plan
    assert "Sort" not in plan, plan
    assert first.key == "reminder:0"  # the same order as before: oldest first, then by id
