"""Privacy: erasing a person's contact details from their places, keeping the counts."""

from typing import Any

from django.db import models
from django.utils import timezone

from huis.audit.services import log_action
from huis.core.versioned_cache import bump

from .models import ACTIVE_STATUSES, PlaceChange, PlaceClaim
from .services import claim_cancel


def claims_erase_contact(*, claims: models.QuerySet[PlaceClaim], actor: Any | None = None) -> int:
    """Erase name and contact details of `claims`, keeping the rows (places, attendance).

    Active claims must be cancelled first (by the app that owns them, so it can tell the next
    person); this only blanks what identifies a person. Returns how many claims were erased.
    """
    now = timezone.now()
    ids = list(claims.filter(erased_at__isnull=True).values_list("pk", flat=True))
    if not ids:
        return 0
    PlaceClaim.objects.filter(pk__in=ids).update(
        user=None, name="", email="", phone="", phone_digits="", erased_at=now
    )
    PlaceChange.objects.filter(claim_id__in=ids).exclude(reason="").update(reason="")
    bump("places")  # a queryset update sends no signal: pages showing who holds a place redraw
    log_action(actor=actor, action="places.contact_erased", data={"claims": len(ids)})
    return len(ids)


def claims_cancel_for_person(*, user: Any, actor: Any | None = None) -> int:
    """Cancel every active claim of `user` that is still to come (the place goes to the next)."""
    count = 0
    for claim in PlaceClaim.objects.filter(user=user, status__in=ACTIVE_STATUSES):
        offering = claim.offering
        if offering.closes_at is not None and offering.closes_at <= timezone.now():
            continue  # already happened: keep it as it was, for the counts
        claim_cancel(claim=claim, actor=actor)
        count += 1
    return count
