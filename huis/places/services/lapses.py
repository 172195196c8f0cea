"""Offers not taken in time lapse, and their place goes to the next in line: swept every few
minutes by the beat task, and checked cheaply before a page that shows places."""

import time
from datetime import datetime

from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone

from huis.audit.services import log_action
from huis.core.errors import Busy
from huis.core.locking import lock_rows
from huis.core.versioned_cache import read_with_versions

from ..models import PlaceClaim
from .offerings import _fill, _lock_offering, _save_taken


def offers_expire(*, now: datetime | None = None) -> int:
    """Offers not taken in time lapse; their place goes to the next in line. Run every few
    minutes (and before showing an offering), so a lapsed offer never blocks a place long."""
    now = now or timezone.now()
    count = 0
    offering_ids = (
        PlaceClaim.objects.filter(status=PlaceClaim.Status.OFFERED, offer_expires_at__lte=now)
        .order_by()
        .values_list("offering_id", flat=True)
        .distinct()
    )
    for offering_id in list(offering_ids):
        try:
            count += _expire_offers_of(offering_id, now=now)
        except Busy:
            continue  # someone is changing this offering now; the next sweep (minutes) does it
    return count


# When the earliest open offer lapses, kept under the "places" scope's version: every change to a
# claim goes through `_lock_offering`, which bumps that scope, so a kept moment is never stale.
NEXT_LAPSE_KEY = "places:next-offer-lapse"
# Bounds what a write past the services (a bulk load, the database by hand) could leave.
NEXT_LAPSE_TIMEOUT = 5 * 60


# This process's copy of the kept moment: (the "places" version it was kept under, the moment,
# until when the copy may be trusted). A page that has just read that version with its stored copy
# (the page cache does) learns from it that nothing has lapsed, without another round trip.
_seen_lapse: tuple[int, datetime | None, float] | None = None


def offers_expire_if_due(*, now: datetime | None = None, places_version: int | None = None) -> int:
    """`offers_expire()` for pages shown many times a second (an activity, "mijn activiteiten"):
    no query while the cache says no open offer lapses before now (one cache round trip, none
    when the caller read the "places" version already: `places_version`), the whole sweep once
    one may have (issue #30: the query was a third of an activity page's cost). The beat task
    runs `offers_expire()` itself every few minutes, whatever the cache says."""
    global _seen_lapse
    now = now or timezone.now()
    seen = _seen_lapse
    if (
        places_version is not None
        and seen is not None
        and seen[0] == places_version
        and (seen[1] is None or now < seen[1])
        and time.monotonic() < seen[2]
    ):
        return 0
    current, entry = read_with_versions(NEXT_LAPSE_KEY, ("places",))
    if entry is not None and (entry[1] is None or now < entry[1]):
        _seen_lapse = (current[0], entry[1], time.monotonic() + NEXT_LAPSE_TIMEOUT)
        return 0
    count = offers_expire(now=now)
    earliest = PlaceClaim.objects.filter(status=PlaceClaim.Status.OFFERED).aggregate(
        at=models.Min("offer_expires_at")
    )["at"]
    # Stored under the versions read before both queries: a change that either query missed
    # bumps "places" after it commits, so this entry is not read again.
    cache.set(NEXT_LAPSE_KEY, (current, earliest), NEXT_LAPSE_TIMEOUT)
    _seen_lapse = (current[0], earliest, time.monotonic() + NEXT_LAPSE_TIMEOUT)
    return count


@transaction.atomic
def _expire_offers_of(offering_id: int, *, now: datetime) -> int:
    offering = _lock_offering(offering_id)
    lapsed = lock_rows(
        offering.claims.filter(status=PlaceClaim.Status.OFFERED, offer_expires_at__lte=now)
    )
    for claim in lapsed:
        claim.status = PlaceClaim.Status.LAPSED
        claim.save(update_fields=["status"])
        log_action(actor=None, action="places.offer_lapsed", obj=claim)
    _save_taken(offering)
    _fill(offering, now=now)
    return len(lapsed)
