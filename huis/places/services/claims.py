"""A person's sign-up for an offering: take a place or wait, cancel, accept an offer, move up,
attendance. Each runs in one transaction under the offering's row lock (`_lock_offering`)."""

from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.core.locking import lock

from ..models import ACTIVE_STATUSES, PlaceChange, PlaceClaim, PlaceOffering
from .errors import AlreadySignedUp, PlaceError
from .offerings import _fill, _lock_offering, _save_taken


def normalise_phone(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("32") and len(digits) >= 10:
        digits = "0" + digits[2:]
    return digits


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


def _person(actor: Any | None) -> Any | None:
    return actor if getattr(actor, "is_authenticated", False) else None
