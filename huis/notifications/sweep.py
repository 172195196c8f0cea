"""The sweep: every due message of the outbox sent once, on a few database connections side by
side. Each row is claimed, sent and marked sent in its own transaction by `services`."""

import functools
import logging
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.core import mail
from django.db import connections as db_connections
from django.db import transaction
from django.utils import timezone

from . import services, shortlinks
from .models import Channel, Notification

logger = logging.getLogger(__name__)


def notifications_send_due(*, limit: int = 500, threads: int | None = None) -> int:
    """The sweep: send up to `limit` due rows, skipping those another worker holds; how many
    were sent.

    `threads` (default `NOTIFICATIONS_SWEEP_THREADS`) sweeps run side by side, each on its own
    database connection: a message's hand-over waits on the provider, and meanwhile the others
    claim, render and mark theirs. Each row is still claimed, sent and marked sent in its own
    transaction, so "once" holds as with one sweep (`FOR UPDATE SKIP LOCKED`).
    """
    threads = settings.NOTIFICATIONS_SWEEP_THREADS if threads is None else threads
    # The text messages' short links, made once for all connections of this sweep.
    links = shortlinks.LinkBatch(functools.partial(_upcoming_text_messages, limit=LINK_BATCH))
    if threads <= 1 or limit <= 1:
        return _sweep(limit=limit, links=links)
    share, rest = divmod(limit, threads)
    limits = [share + (1 if n < rest else 0) for n in range(threads)]
    with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="sweep") as pool:
        sweep = functools.partial(_sweep_on_own_connection, links=links)
        return sum(pool.map(sweep, [n for n in limits if n]))


def sweep_helpers_wanted() -> int:
    """How many more processes should sweep beside this one now: one per
    NOTIFICATIONS_SWEEP_HELP_FROM due rows, at most NOTIFICATIONS_SWEEP_PROCESSES - 1."""
    most = settings.NOTIFICATIONS_SWEEP_PROCESSES - 1
    per_process = max(settings.NOTIFICATIONS_SWEEP_HELP_FROM, 1)
    if most <= 0:
        return 0
    due = (
        Notification.objects.filter(
            status=Notification.Status.PENDING, send_after__lte=timezone.now()
        )
        .order_by()
        .values("pk")[: per_process * (most + 1)]
        .count()
    )
    return min(most, due // per_process)


def _sweep_on_own_connection(limit: int, *, links: shortlinks.LinkBatch) -> int:
    try:
        return _sweep(limit=limit, links=links)
    finally:
        db_connections.close_all()  # this thread's connection, not the caller's


def _sweep(*, limit: int, links: shortlinks.LinkBatch) -> int:
    """Send due rows one by one, each claimed, sent and marked sent in its own transaction;
    only the mail server connection is kept open across the batch (opening one per message costs
    more than the message). After a failed send the connection is opened anew for the next row.
    """
    sent = 0
    connection = None
    try:
        for _i in range(limit):
            links.top_up()  # between transactions: the links it makes are saved at once
            with transaction.atomic():
                notification = services._claim()
                if notification is None:
                    break
                if connection is None and notification.channel == Channel.EMAIL:
                    connection = _open_mail_connection()
                delivered = services._deliver(notification, connection=connection, links=links)
                sent += delivered
            if not delivered and connection is not None:
                _close_quietly(connection)
                connection = None
    finally:
        if connection is not None:
            _close_quietly(connection)
    return sent


# How many of the next due text messages get their short links made together.
LINK_BATCH = 200


def _upcoming_text_messages(*, limit: int) -> list[dict]:
    """The contexts of the next due text messages, in the sweep's order (read, not claimed:
    a link made for a message another worker sends is the link that worker would make)."""
    return list(
        Notification.objects.filter(
            status=Notification.Status.PENDING,
            send_after__lte=timezone.now(),
            channel=Channel.SMS,
        )
        .order_by("send_after", "id")
        .values_list("context", flat=True)[:limit]
    )


def _open_mail_connection() -> Any:
    """An open connection to the default mailer, or None when it cannot be opened now (then
    the row is sent the ordinary way, and fails and is retried the ordinary way)."""
    connection = mail.mailers.default
    try:
        connection.open()
    except Exception:
        logger.warning("Could not open a mail connection for the sweep.", exc_info=True)
        return None
    return connection


def _close_quietly(connection: Any) -> None:
    try:
        connection.close()
    except Exception:  # a broken connection is dropped; the next row opens a new one
        logger.warning("Closing the mail connection failed.", exc_info=True)
