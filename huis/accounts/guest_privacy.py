"""A guest's own data (issue #25): someone who signed up without an account (an activity, a
course) sees, downloads and erases what the portal holds about them, from their signed link.

The guest is recognised by the sign-up of the link; their other guest sign-ups are those with
the same email address (any case) or phone number. What is held: those sign-ups (what, when,
status, the name and contact they gave) and the messages the house sent them. Erasing cancels
what is still to come (the place goes to the next person), blanks name and contact of every
sign-up (the rows stay for the figures) and removes the messages. Everything audited.
"""

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from huis.audit.services import log_action
from huis.notifications.models import Notification
from huis.places import privacy as places_privacy
from huis.places import services as places
from huis.places.models import PlaceClaim


def _iso(value: Any) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def guest_claims(*, claim: PlaceClaim) -> QuerySet[PlaceClaim]:
    """Every guest sign-up of the same person (not erased), with what it is for."""
    same = Q(pk=claim.pk)
    if claim.email:
        same |= Q(email__iexact=claim.email)
    if claim.phone_digits:
        same |= Q(phone_digits=claim.phone_digits)
    return (
        PlaceClaim.objects.filter(same, user__isnull=True, erased_at__isnull=True)
        .select_related("offering__holder_type")
        .prefetch_related("offering__holder")
        .order_by("pk")
    )


def _messages(claims: list[PlaceClaim]) -> QuerySet[Notification]:
    emails = {c.email for c in claims if c.email}
    phones = {c.phone for c in claims if c.phone}
    if not emails and not phones:
        return Notification.objects.none()
    return Notification.objects.filter(
        Q(email__in=emails) | Q(phone__in=phones), recipient__isnull=True
    ).order_by("created_at")


def guest_data(*, claim: PlaceClaim, request: Any = None) -> dict:
    """What the portal holds about this guest, JSON-ready; the read is audited."""
    claims = list(guest_claims(claim=claim))
    data = {
        "sign_ups": [
            {
                "for": str(c.offering.holder) if c.offering.holder else "",
                "name": c.name,
                "email": c.email,
                "phone": c.phone,
                "language": c.language,
                "places": c.places,
                "status": c.status,
                "signed_up": _iso(c.created_at),
            }
            for c in claims
        ],
        "messages": [
            {
                "kind": n.kind,
                "channel": n.channel,
                "to": n.email or n.phone,
                "due": _iso(n.due_at),
                "status": n.status,
            }
            for n in _messages(claims)
        ],
    }
    log_action(
        actor=None,
        action="accounts.guest_data_viewed",
        obj=claim,
        data={"sign_ups": len(claims)},
        request=request,
    )
    return data


@transaction.atomic
def guest_erase(*, claim: PlaceClaim, request: Any = None) -> int:
    """Erase this guest: returns how many sign-ups were erased."""
    claims = list(guest_claims(claim=claim))
    messages = _messages(claims)
    for each in claims:
        if each.is_active:
            places.claim_cancel(claim=each, actor=None)  # the place goes to the next person
    message_count = messages.count()
    messages.delete()
    erased = places_privacy.claims_erase_contact(
        claims=PlaceClaim.objects.filter(pk__in=[c.pk for c in claims])
    )
    log_action(
        actor=None,
        action="accounts.guest_data_erased",
        obj=claim,
        data={"sign_ups": erased, "messages": message_count},
        request=request,
    )
    return erased
