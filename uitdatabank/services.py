"""Every write of uitdatabank: what staff decide (publish or not, retry, the mapping tables) and
the changes the house's activities, courses and sign-ups put in the outbox.

The changes come in through signals (apps.py): ontmoeting and herstelacademie do not know this
app. Nothing is sent here; outbox.py sends.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.audit.services import log_action
from huis.core.errors import DomainError
from huis.core.versioned_cache import bump

from . import client, payload, sources
from .models import CategoryMapping, Change, Publication, Source
from .selectors import SCOPE

# Sign-ups come in bursts: their availability update waits this long, so one update covers them.
AVAILABILITY_DELAY = dt.timedelta(seconds=20)


class UitdatabankError(DomainError):
    pass


def change_enqueue(*, publication: Publication, kind: str, delay: dt.timedelta | None = None):
    """One waiting change of this kind per publication: a second one is the same change."""
    Change.objects.bulk_create(
        [
            Change(
                publication=publication,
                kind=kind,
                due_at=timezone.now() + (delay or dt.timedelta()),
            )
        ],
        ignore_conflicts=True,
    )
    bump(SCOPE)  # no signal for a bulk insert: the publishing list shows it as waiting


def _default_wanted(kind_key: str) -> bool:
    mapping = CategoryMapping.objects.filter(key=kind_key).only("publish_by_default").first()
    return bool(mapping and mapping.publish_by_default)


def source_changed(*, source: str, pk: int) -> None:
    """An activity, series or course was saved (or deleted): its event is made true again.
    The caller names the series for a date of a weekly series (the whole series is one event:
    adding, moving or cancelling a date changes that event's subEvent)."""
    if not client.is_configured():
        return
    publication = Publication.objects.filter(source=source, object_id=pk).first()
    if publication is None:
        item = sources.public_item(source=source, pk=pk)
        if item is None:
            return
        publication, _created = Publication.objects.get_or_create(
            source=source, object_id=pk, defaults={"wanted": _default_wanted(item.kind_key)}
        )
    if publication.wanted or publication.event_id:
        change_enqueue(publication=publication, kind=Change.Kind.SYNC)


def places_changed(*, source: str, pk: int) -> None:
    """Places were taken or freed: the event's availability follows, a burst as one update."""
    if not client.is_configured():
        return
    source, pk = sources.publication_key(source=source, pk=pk)
    publication = (
        Publication.objects.filter(source=source, object_id=pk, wanted=True)
        .exclude(event_id="")
        .first()
    )
    if publication is not None:
        change_enqueue(
            publication=publication, kind=Change.Kind.AVAILABILITY, delay=AVAILABILITY_DELAY
        )


@transaction.atomic
def publication_set_wanted(
    *, source: str, pk: int, wanted: bool, actor: Any, request: Any = None
) -> Publication:
    """Publish (or withdraw) one activity, weekly series or course. A date of a weekly series
    is published with its whole series: one event with every date (`calendarType` multiple)."""
    if source not in Source.values:
        raise UitdatabankError(_("This is not something the house can publish."))
    source, pk = sources.publication_key(source=source, pk=pk)
    public = sources.public_item(source=source, pk=pk) is not None
    if not public and (wanted or not Publication.objects.filter(source=source, object_id=pk)):
        # Withdrawing stays possible for what was published and is no longer public.
        raise UitdatabankError(_("Only what is on the public agenda can be published."))
    publication, _created = Publication.objects.select_for_update().get_or_create(
        source=source, object_id=pk
    )
    publication.wanted = wanted
    publication.save(update_fields=["wanted"])
    change_enqueue(publication=publication, kind=Change.Kind.SYNC)
    log_action(
        actor=actor,
        action="uitdatabank.publish" if wanted else "uitdatabank.withdraw",
        obj=publication,
        request=request,
    )
    return publication


@transaction.atomic
def publication_retry(*, publication: Publication, actor: Any, request: Any = None) -> None:
    """Staff ask to try again after a refusal: the failed changes go, the whole event is sent."""
    failed = publication.changes.filter(status=Change.Status.FAILED)
    if not failed.exists():
        raise UitdatabankError(_("Nothing failed here; there is nothing to try again."))
    failed.delete()
    change_enqueue(publication=publication, kind=Change.Kind.SYNC)
    log_action(actor=actor, action="uitdatabank.retry", obj=publication, request=request)


@transaction.atomic
def category_mapping_update(
    *,
    mapping: CategoryMapping,
    eventtype_id: str,
    theme_id: str,
    publish_by_default: bool,
    actor: Any,
    request: Any = None,
) -> CategoryMapping:
    if not eventtype_id.strip():
        raise UitdatabankError(_("Every kind needs an event type."), field="eventtype_id")
    mapping.eventtype_id = eventtype_id.strip()
    mapping.theme_id = theme_id.strip()
    mapping.publish_by_default = publish_by_default
    mapping.save(update_fields=["eventtype_id", "theme_id", "publish_by_default"])
    log_action(actor=actor, action="uitdatabank.mapping_changed", obj=mapping, request=request)
    return mapping


DRIFT_DAYS = 60


def _differs(item: sources.Item, remote: dict, publication: Publication) -> bool:
    if remote.get("workflowStatus") in ("DELETED", "REJECTED"):
        return publication.sent_status != "deleted"
    wanted = payload.event_body(item, create=False)
    if (remote.get("name") or {}) != wanted["name"]:
        return True
    if (remote.get("status") or {}).get("type") != wanted["status"]["type"]:
        return True
    if (remote.get("bookingAvailability") or {}).get("type") != wanted["bookingAvailability"][
        "type"
    ]:
        return True

    def dates(sub_events):
        return [
            (
                dt.datetime.fromisoformat(s["startDate"]),
                dt.datetime.fromisoformat(s["endDate"]),
                (s.get("status") or {}).get("type", "Available"),
            )
            for s in sub_events or []
        ]

    return dates(remote.get("subEvent")) != dates(wanted["subEvent"])


def drift_check(*, now: dt.datetime | None = None) -> int:
    """Compare what UiTdatabank holds for the next 60 days with the portal; queue a full update
    for every event that drifted (or is missing). Returns how many were queued."""
    if not client.is_configured():
        return 0
    now = now or timezone.now()
    queued = 0
    for listed in sources.upcoming(days=DRIFT_DAYS):  # a weekly series once, as one event
        publication = Publication.objects.filter(source=listed.source, object_id=listed.pk).first()
        if publication is None or not publication.wanted:
            continue
        if publication.changes.exclude(status=Change.Status.DONE).exists():
            continue  # on its way already, or waiting for staff
        repair = not publication.event_id or publication.sent_status == "deleted"
        if not repair:
            item = sources.public_item(source=listed.source, pk=listed.pk)
            try:
                answer = client.call("GET", f"/events/{publication.event_id}")
                repair = item is not None and _differs(item, answer.data or {}, publication)
            except client.ApiError as error:
                if error.status != 404:
                    continue  # try again tomorrow
                repair = True
            except payload.NotReady:
                repair = True  # the next sync shows staff what is missing
        publication.last_checked_at = now
        publication.save(update_fields=["last_checked_at"])
        if repair:
            change_enqueue(publication=publication, kind=Change.Kind.SYNC)
            queued += 1
    return queued
