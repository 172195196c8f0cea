"""The one mechanism for limited places: sign up, wait, get a place, give it back.

Every change runs in a transaction that first locks the offering's row (huis.core.locking, with
a lock timeout: a lock held too long answers "busy, try again" instead of hanging a worker), so
sign-ups for one offering happen one after the other and the count of places taken is always
right. The database's check constraint (`taken <= capacity`) is the last guard.

When a place goes to someone who was waiting, `claim_promoted` is sent inside the transaction:
the function app that owns the offering tells the person (huis.places does not know what an
activity or a course is).
"""

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core import signing
from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from huis.audit.services import log_action
from huis.core.errors import Busy, DomainError
from huis.core.locking import lock, lock_rows
from huis.core.pagecache import bump
from huis.core.versioned_cache import read_with_versions

from .models import ACTIVE_STATUSES, HOLDING_STATUSES, PlaceChange, PlaceClaim, PlaceOffering

# Sent with `claim` and `offered` (True: an offer to accept; False: the place is theirs).
claim_promoted = Signal()

TOKEN_SALT = "huis.places.claim"


class PlaceError(DomainError):
    """A sign-up change that cannot be made, with a message for the person who tried."""


class AlreadySignedUp(PlaceError):
    def __init__(self, claim: PlaceClaim):
        self.claim = claim
        super().__init__(_("You are already signed up for this."))


def normalise_phone(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("32") and len(digits) >= 10:
        digits = "0" + digits[2:]
    return digits


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
def claim_create(
    *,
    offering: PlaceOffering,
    name: str,
    email: str = "",
    phone: str = "",
    user: Any | None = None,
    places: int = 1,
    language: str = "nl",
    actor: Any | None = None,
    check_window: bool = True,
) -> PlaceClaim:
    """Sign someone up: a place when one is free (and nobody who fits waits before them),
    otherwise a place on the waiting list. Raises PlaceError, AlreadySignedUp."""
    now = timezone.now()
    offering = _lock_offering(offering.pk)
    if offering.capacity is None:
        raise PlaceError(_("You do not need to sign up for this. Just walk in."))
    if not offering.is_open:
        raise PlaceError(_("You cannot sign up for this."))
    if check_window and offering.opens_at is not None and now < offering.opens_at:
        raise PlaceError(_("Signing up is not open yet."))
    if offering.closes_at is not None and now >= offering.closes_at:
        raise PlaceError(_("Signing up is closed."))
    if places < 1:
        raise PlaceError(_("Choose at least one place."))
    if places > offering.max_places_per_claim:
        raise PlaceError(
            _("You can take at most %(max)s places at once.")
            % {"max": offering.max_places_per_claim}
        )
    email = email.strip().lower()
    phone_digits = normalise_phone(phone)
    if user is None and not email and not phone_digits:
        raise PlaceError(_("Give an email address or a phone number."))
    # Each arm says what its unique partial index says (lower(email), a phone that is not empty),
    # so PostgreSQL looks the person up in those indexes instead of reading every claim.
    same_person = models.Q(pk__in=[])
    if user is not None:
        same_person |= models.Q(user=user)
    if email:
        same_person |= models.Q(email_lower=email) & ~models.Q(email="")
    if phone_digits:
        same_person |= models.Q(phone_digits=phone_digits) & ~models.Q(phone_digits="")
    existing = (
        offering.claims.alias(email_lower=Lower("email"))
        .filter(same_person, status__in=ACTIVE_STATUSES)
        .first()
    )
    if existing is not None:
        raise AlreadySignedUp(existing)

    _fill(offering, now=now)  # anyone waiting who fits goes first
    # `taken` is exact: every change of a claim saves it under this same row lock.
    taken = offering.taken
    claim = PlaceClaim(
        offering=offering,
        user=user,
        name=name.strip()[:120],
        email=email,
        phone=phone.strip()[:32],
        phone_digits=phone_digits[:32],
        language=language,
        places=places,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    # After _fill, nobody still waiting fits in the free places: a new sign-up that fits may
    # take them without jumping the queue.
    if taken + places <= offering.capacity:
        claim.status = PlaceClaim.Status.CONFIRMED
        claim.confirmed_at = now
    else:
        claim.status = PlaceClaim.Status.WAITING
        last = offering.claims.aggregate(m=models.Max("rank"))["m"] or 0
        claim.rank = last + 1
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError as exc:  # only without the lock (or a bug): never two for one person
        raise PlaceError(_("You are already signed up for this.")) from exc
    if claim.status == PlaceClaim.Status.CONFIRMED:
        # Counted in the same transaction, under the lock: one UPDATE, no recount of every claim.
        offering.taken = taken + places
        offering.save(update_fields=["taken"])
    log_action(
        actor=actor,
        action="places.claimed" if claim.status == "confirmed" else "places.waitlisted",
        obj=claim,
        data={"places": places, "offering": offering.pk},
    )
    return claim


@transaction.atomic
def claim_cancel(*, claim: PlaceClaim, actor: Any | None, reason: str = "") -> PlaceClaim:
    """Give a place back (or leave the waiting list). The place goes to the next in line."""
    now = timezone.now()
    offering = _lock_offering(claim.offering_id)
    claim = lock(PlaceClaim.objects.all(), claim.pk)
    if not claim.is_active:
        raise PlaceError(_("This sign-up was already cancelled."))
    claim.status = PlaceClaim.Status.CANCELLED
    claim.cancelled_at = now
    claim.offer_expires_at = None
    claim.save(update_fields=["status", "cancelled_at", "offer_expires_at"])
    if reason:
        PlaceChange.objects.create(
            claim=claim, actor=_person(actor), action="cancel", reason=reason
        )
    _save_taken(offering)
    log_action(actor=actor, action="places.cancelled", obj=claim)
    _fill(offering, now=now)
    claim.offering = offering
    return claim


@transaction.atomic
def claim_accept_offer(*, claim: PlaceClaim, actor: Any | None) -> PlaceClaim:
    now = timezone.now()
    offering = _lock_offering(claim.offering_id)
    claim = lock(PlaceClaim.objects.all(), claim.pk)
    if claim.status == PlaceClaim.Status.CONFIRMED:
        return claim
    if claim.status != PlaceClaim.Status.OFFERED or (
        claim.offer_expires_at is not None and claim.offer_expires_at <= now
    ):
        raise PlaceError(_("This offer is no longer valid. Sorry."))
    claim.status = PlaceClaim.Status.CONFIRMED
    claim.confirmed_at = now
    claim.offer_expires_at = None
    claim.save(update_fields=["status", "confirmed_at", "offer_expires_at"])
    log_action(actor=actor, action="places.offer_accepted", obj=claim)
    claim.offering = offering
    return claim


@transaction.atomic
def claim_move_up(*, claim: PlaceClaim, actor: Any, reason: str) -> PlaceClaim:
    """Staff put someone first on the waiting list. Only with a reason, which is kept."""
    reason = reason.strip()
    if not reason:
        raise PlaceError(_("Write down why this person may go first."))
    offering = _lock_offering(claim.offering_id)
    claim = lock(PlaceClaim.objects.all(), claim.pk)
    if claim.status != PlaceClaim.Status.WAITING:
        raise PlaceError(_("Only people on the waiting list can be moved up."))
    first = offering.claims.filter(status=PlaceClaim.Status.WAITING).aggregate(
        m=models.Min("rank")
    )["m"]
    claim.rank = (first or 0) - 1
    claim.save(update_fields=["rank"])
    PlaceChange.objects.create(claim=claim, actor=_person(actor), action="move_up", reason=reason)
    log_action(actor=actor, action="places.moved_up", obj=claim)
    _fill(offering, now=timezone.now())
    claim.refresh_from_db()
    return claim


@transaction.atomic
def claim_set_attendance(*, claim: PlaceClaim, attendance: str, actor: Any) -> PlaceClaim:
    if attendance not in PlaceClaim.Attendance.values:
        raise PlaceError(_("Choose whether the person was there."))
    if claim.status != PlaceClaim.Status.CONFIRMED:
        raise PlaceError(_("Only people with a place can be checked in."))
    claim.attendance = attendance
    claim.save(update_fields=["attendance"])
    log_action(actor=actor, action="places.attendance", obj=claim, data={"value": attendance})
    return claim


@transaction.atomic
def offering_set_open(*, offering: PlaceOffering, is_open: bool) -> PlaceOffering:
    offering = _lock_offering(offering.pk)
    offering.is_open = is_open
    offering.save(update_fields=["is_open"])
    if is_open:
        _fill(offering, now=timezone.now())
    return offering


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


def _person(actor: Any | None) -> Any | None:
    return actor if getattr(actor, "is_authenticated", False) else None


# --- Signed links: cancel or accept without logging in --------------------------------------


def claim_make_token(*, claim: PlaceClaim, valid_until: datetime) -> str:
    return signing.dumps({"c": claim.pk, "u": int(valid_until.timestamp())}, salt=TOKEN_SALT)


def claim_from_token(*, token: str, now: datetime | None = None) -> PlaceClaim:
    """The claim a signed link is for. PlaceError for a changed, broken or expired link."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
        claim_id, until = int(data["c"]), int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
        raise PlaceError(_("This link is not valid. Check that you copied all of it.")) from exc
    if (now or timezone.now()).timestamp() > until:
        raise PlaceError(_("This link has expired."))
    claim = PlaceClaim.objects.select_related("offering").filter(pk=claim_id).first()
    if claim is None:
        raise PlaceError(_("This link is not valid. Check that you copied all of it."))
    return claim
