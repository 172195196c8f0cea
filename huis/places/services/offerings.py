"""An offering's places: how many, who may sign up when, and who gets a place that comes free.

`_lock_offering` is the one way in for every change: it locks the offering's row for the rest of
the transaction and bumps the "places" scope, so pages that show places are made anew.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from huis.audit.services import log_action
from huis.core.locking import lock
from huis.core.pagecache import bump

from ..models import HOLDING_STATUSES, PlaceClaim, PlaceOffering
from .errors import PlaceError

# Sent with `claim` and `offered` (True: an offer to accept; False: the place is theirs).
claim_promoted = Signal()


def offering_for(holder: models.Model) -> PlaceOffering:
    """The offering of `holder`, created (with no places: walk in) the first time."""
    from django.contrib.contenttypes.models import ContentType

    offering, _created = PlaceOffering.objects.get_or_create(
        holder_type=ContentType.objects.get_for_model(holder), holder_id=holder.pk
    )
    return offering


def _lock_offering(offering_id: int) -> PlaceOffering:
    """Lock the offering's row for the rest of the transaction. The concurrency test's control
    run replaces this with a plain read to show that the lock is what keeps the count right.

    Every change to an offering goes through here: pages that show places are rendered anew
    once the change commits."""
    bump("places")
    return lock(PlaceOffering.objects.all(), offering_id)


def _count_taken(offering: PlaceOffering) -> int:
    return (
        offering.claims.filter(status__in=HOLDING_STATUSES).aggregate(n=models.Sum("places"))["n"]
        or 0
    )


def _save_taken(offering: PlaceOffering) -> None:
    offering.taken = _count_taken(offering)
    offering.save(update_fields=["taken"])


def _free(offering: PlaceOffering) -> int:
    if offering.capacity is None:
        return 0
    return max(offering.capacity - offering.taken, 0)


def _is_closed(offering: PlaceOffering, now: datetime) -> bool:
    return not offering.is_open or (offering.closes_at is not None and now >= offering.closes_at)


def _fill(offering: PlaceOffering, *, now: datetime) -> list[PlaceClaim]:
    """Give free places to those waiting, in order. A group that does not fit keeps its turn
    while a smaller sign-up behind it that fits gets the place (places are not left empty)."""
    if _is_closed(offering, now) or offering.capacity is None:
        return []
    promoted: list[PlaceClaim] = []
    free = _free(offering)
    if free <= 0:
        return []
    for claim in offering.claims.filter(status=PlaceClaim.Status.WAITING).order_by("rank", "id"):
        if claim.places > free:
            continue
        if offering.waitlist_mode == PlaceOffering.WaitlistMode.OFFER:
            claim.status = PlaceClaim.Status.OFFERED
            expires = now + timedelta(hours=offering.offer_hours)
            if offering.closes_at is not None:
                expires = min(expires, offering.closes_at)
            claim.offer_expires_at = expires
        else:
            claim.status = PlaceClaim.Status.CONFIRMED
            claim.confirmed_at = now
        claim.save(update_fields=["status", "offer_expires_at", "confirmed_at"])
        promoted.append(claim)
        free -= claim.places
        if free <= 0:
            break
    if promoted:
        _save_taken(offering)
        for claim in promoted:
            claim.offering = offering
            log_action(
                actor=None,
                action="places.offered" if claim.status == "offered" else "places.promoted",
                obj=claim,
            )
            claim_promoted.send(
                sender=PlaceOffering,
                claim=claim,
                offered=claim.status == PlaceClaim.Status.OFFERED,
            )
    return promoted


@dataclass(frozen=True)
class OfferingSettings:
    capacity: int | None
    waitlist_mode: str = PlaceOffering.WaitlistMode.AUTOMATIC
    offer_hours: int = 24
    max_places_per_claim: int = 4
    is_open: bool = False
    opens_at: datetime | None = None
    closes_at: datetime | None = None


@transaction.atomic
def offering_configure(*, holder: models.Model, config: OfferingSettings) -> PlaceOffering:
    """Set the places of `holder`. More places go to those waiting; fewer than are taken is
    refused (nobody loses a place they have)."""
    offering = _lock_offering(offering_for(holder).pk)
    if config.capacity is not None and config.capacity < offering.taken:
        raise PlaceError(
            ngettext(
                "%(taken)s place is already taken. You cannot make it fewer than that.",
                "%(taken)s places are already taken. You cannot make it fewer than that.",
                offering.taken,
            )
            % {"taken": offering.taken}
        )
    if config.capacity is None and offering.taken:
        raise PlaceError(
            _("People have already signed up. Cancel their sign-ups before you remove the places.")
        )
    offering.capacity = config.capacity
    offering.waitlist_mode = config.waitlist_mode
    offering.offer_hours = config.offer_hours
    offering.max_places_per_claim = config.max_places_per_claim
    offering.is_open = config.is_open
    offering.opens_at = config.opens_at
    offering.closes_at = config.closes_at
    offering.save()
    _fill(offering, now=timezone.now())
    return offering


@transaction.atomic
def offering_set_open(*, offering: PlaceOffering, is_open: bool) -> PlaceOffering:
    offering = _lock_offering(offering.pk)
    offering.is_open = is_open
    offering.save(update_fields=["is_open"])
    if is_open:
        _fill(offering, now=timezone.now())
    return offering
