"""Sending the outbox to the Entry API, exactly once per change.

A sweep (Celery beat, every half minute) claims publications with due changes using
SELECT ... FOR UPDATE SKIP LOCKED, marks their changes "sending" under its own token and commits;
then it sends them outside any transaction. A publication with changes being sent is never
claimed by another worker, so the changes of one event go out one at a time and in order.
A 5xx, 429 or timeout puts the change back with a backoff; a 4xx (or a mapping still missing) marks
it failed with publiq's words, for staff to read and retry. A worker that died while sending leaves
"sending" rows; after STALE_AFTER they are due again.
"""

import datetime as dt
import logging
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from huis.core.versioned_cache import bump

from . import client, payload, sources
from .models import Change, Publication
from .selectors import SCOPE

logger = logging.getLogger(__name__)

STALE_AFTER = dt.timedelta(minutes=15)
BATCH = 25


def _requeue_stale(now: dt.datetime) -> None:
    for change in Change.objects.filter(
        status=Change.Status.SENDING, claimed_at__lt=now - STALE_AFTER
    ):
        _back_to_pending(change, due_at=now, error="")


def claim(*, now: dt.datetime | None = None, limit: int = BATCH) -> str | None:
    """Claim the due changes of up to `limit` publications; returns the claim token."""
    now = now or timezone.now()
    token = uuid.uuid4().hex
    with transaction.atomic():
        due = Change.objects.filter(
            publication=OuterRef("pk"), status=Change.Status.PENDING, due_at__lte=now
        )
        locked = list(
            Publication.objects.filter(Exists(due))
            .order_by("pk")
            .select_for_update(skip_locked=True)
            .values_list("pk", flat=True)[:limit]
        )
        if not locked:
            return None
        # Asked again now that the rows are ours: whoever marks changes "sending" holds the
        # publication's lock until it commits, so this answer is exact.
        busy = set(
            Change.objects.filter(
                publication_id__in=locked, status=Change.Status.SENDING
            ).values_list("publication_id", flat=True)
        )
        claimed = Change.objects.filter(
            publication_id__in=[pk for pk in locked if pk not in busy],
            status=Change.Status.PENDING,
            due_at__lte=now,
        ).update(status=Change.Status.SENDING, claimed_at=now, claim_token=token)
        if claimed:
            bump(SCOPE)  # no signal for an update: the publishing list shows them as waiting
    return token if claimed else None


def send_due(*, now: dt.datetime | None = None, rounds: int = 20) -> int:
    """What the beat task runs: claim and send until nothing is due. Returns changes handled."""
    now = now or timezone.now()
    _requeue_stale(now)
    handled = 0
    for _round in range(rounds):
        token = claim(now=now)
        if token is None:
            break
        handled += send_claimed(token=token)
    return handled


def send_claimed(*, token: str) -> int:
    changes = list(
        Change.objects.filter(claim_token=token, status=Change.Status.SENDING)
        .select_related("publication")
        .order_by("publication_id", "id")
    )
    by_publication: dict[int, list[Change]] = {}
    for change in changes:
        by_publication.setdefault(change.publication_id, []).append(change)
    for group in by_publication.values():
        _send_group(group)
    return len(changes)


def _send_group(group: list[Change]) -> None:
    publication = group[0].publication
    # The whole event first: its body carries the places left too.
    group.sort(key=lambda c: (c.kind != Change.Kind.SYNC, c.id))
    synced = False
    for change in group:
        try:
            if change.kind == Change.Kind.SYNC:
                requests = _sync(publication)
                synced = True
            else:
                requests = 0 if synced else _availability(publication)
        except client.ApiError as error:
            _failed_try(change, error)
            if error.retry:
                # Later changes of this event wait for it (order matters).
                for rest in group[group.index(change) + 1 :]:
                    _back_to_pending(rest, due_at=timezone.now(), error="")
                return
            continue
        except payload.NotReady as error:
            _fail(change, str(error))
            continue
        change.status = Change.Status.DONE
        change.sent_at = timezone.now()
        change.requests += requests
        change.error = ""
        change.save(update_fields=["status", "sent_at", "requests", "error"])


def _sync(publication: Publication) -> int:
    """Make the event in UiTdatabank what the portal shows. Returns the requests made."""
    item = sources.public_item(source=publication.source, pk=publication.object_id)
    wanted = publication.wanted and item is not None
    if not wanted:
        if publication.event_id and publication.sent_status != "deleted":
            try:
                client.call("DELETE", f"/events/{publication.event_id}")
            except client.ApiError as error:
                if error.status not in (404, 410):
                    raise
            _sent(publication, "deleted")
            return 1
        return 0
    if not publication.event_id or publication.sent_status == "deleted":
        if item.cancelled or item.is_over:
            return 0  # nothing to announce
        answer = client.call("POST", "/events", payload.event_body(item, create=True))
        publication.event_id = str((answer.data or {}).get("id") or "")
        _sent(publication, "cancelled" if item.cancelled else "published")
        return 1
    try:
        client.call(
            "PUT", f"/events/{publication.event_id}", payload.event_body(item, create=False)
        )
    except client.ApiError as error:
        if error.status != 404:
            raise
        # Gone from UiTdatabank (deleted there): announced anew.
        answer = client.call("POST", "/events", payload.event_body(item, create=True))
        publication.event_id = str((answer.data or {}).get("id") or "")
        _sent(publication, "cancelled" if item.cancelled else "published")
        return 2
    _sent(publication, "cancelled" if item.cancelled else "published")
    return 1


def _availability(publication: Publication) -> int:
    if not publication.event_id or publication.sent_status != "published":
        return 0  # the event's creation carries its places
    item = sources.public_item(source=publication.source, pk=publication.object_id)
    if item is None or not publication.wanted:
        return 0
    client.call(
        "PATCH", f"/events/{publication.event_id}/sub-events", payload.availability_body(item)
    )
    return 1


def _sent(publication: Publication, status: str) -> None:
    publication.sent_status = status
    publication.last_sent_at = timezone.now()
    publication.save(update_fields=["event_id", "sent_status", "last_sent_at"])


def _fail(change: Change, error: str) -> None:
    change.status = Change.Status.FAILED
    change.error = error[:2000]
    change.save(update_fields=["status", "error", "attempts", "requests"])
    logger.warning("uitdatabank change %s failed: %s", change.pk, error[:300])


def _failed_try(change: Change, error: client.ApiError) -> None:
    change.attempts += 1
    change.requests += 1
    delays = settings.UITDATABANK_RETRY_DELAYS
    if not error.retry or change.attempts > len(delays):
        _fail(change, error.message)
        return
    delay = dt.timedelta(seconds=delays[change.attempts - 1])
    _back_to_pending(change, due_at=timezone.now() + delay, error=error.message)


def _back_to_pending(change: Change, *, due_at: dt.datetime, error: str) -> None:
    """Due again later. A newer change of the same kind already waiting sends the same (newest)
    state, so this one is folded into it."""
    change.status = Change.Status.PENDING
    change.due_at = due_at
    change.error = error[:2000]
    change.claim_token = ""
    try:
        with transaction.atomic():
            change.save(
                update_fields=["status", "due_at", "error", "claim_token", "attempts", "requests"]
            )
    except IntegrityError:
        Change.objects.filter(pk=change.pk).update(
            status=Change.Status.DONE, error="folded into a newer change", sent_at=timezone.now()
        )
        bump(SCOPE)
