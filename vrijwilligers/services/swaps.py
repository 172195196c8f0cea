"""Swaps: a volunteer who cannot come asks another to take over their place.

The volunteer keeps the place until someone takes it over, so the shift is never short by
surprise. When others wait for the shift already, asking to swap simply gives the place back:
the first in line gets it."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.core.locking import lock
from huis.places import services as places
from huis.places.models import PlaceClaim, PlaceOffering

from .. import notify
from ..models import Shift, SwapRequest, Volunteer
from .errors import VolunteersError
from .shifts import claim_of, shift_give_back, tell_others


@transaction.atomic
def swap_ask(
    *, shift: Shift, volunteer: Volunteer, actor: Any, note: str = ""
) -> SwapRequest | None:
    """Returns the open swap request; None when the place went to the waiting list at once."""
    claim = claim_of(shift, volunteer)
    if claim is None or claim.status != PlaceClaim.Status.CONFIRMED:
        raise VolunteersError(_("You do not have a place on this shift."))
    if shift.starts_at <= timezone.now() or shift.is_cancelled:
        raise VolunteersError(_("This shift cannot be swapped any more."))
    offering = lock(PlaceOffering.objects.all(), shift.offering_id)
    if offering.claims.filter(status=PlaceClaim.Status.WAITING).exists():
        shift_give_back(shift=shift, volunteer=volunteer, actor=actor)
        return None
    if SwapRequest.objects.filter(
        shift=shift, volunteer=volunteer, status=SwapRequest.Status.OPEN
    ).exists():
        raise VolunteersError(_("You already asked for someone to take over."))
    swap = SwapRequest.objects.create(shift=shift, volunteer=volunteer, note=note.strip()[:300])
    tell_others(shift, exclude_user_ids={volunteer.user_id}, reason_key=f"swap:{swap.pk}")
    log_action(actor=actor, action="vrijwilligers.swap.asked", obj=swap, subject=volunteer.user)
    return swap


@transaction.atomic
def swap_take(*, swap: SwapRequest, volunteer: Volunteer, actor: Any) -> PlaceClaim:
    """Another volunteer takes over the place: one transaction under the shift's lock, so the
    place never goes to someone else in between."""
    swap = lock(
        SwapRequest.objects.select_related("shift", "volunteer__user"), swap.pk, of=("self",)
    )
    shift = swap.shift
    if swap.status != SwapRequest.Status.OPEN:
        raise VolunteersError(_("Someone else took this shift over already."))
    if not volunteer.is_active:
        raise VolunteersError(_("Only active volunteers sign up for shifts."))
    if volunteer.pk == swap.volunteer_id:
        raise VolunteersError(_("This is your own request."))
    if shift.starts_at <= timezone.now() or shift.is_cancelled:
        raise VolunteersError(_("This shift cannot be swapped any more."))
    lock(PlaceOffering.objects.all(), shift.offering_id)
    if claim_of(shift, volunteer) is not None:
        raise VolunteersError(_("You are already on this shift."))
    giver_claim = claim_of(shift, swap.volunteer)
    if giver_claim is None:
        raise VolunteersError(_("Someone else took this shift over already."))
    places.claim_cancel(claim=giver_claim, actor=actor, reason=_("Taken over in a swap."))
    user = volunteer.user
    claim = places.claim_create(
        offering=shift.offering,
        name=user.display_name,
        email=user.email,
        user=user,
        language=user.preferred_language,
        actor=actor,
    )
    swap.status = SwapRequest.Status.TAKEN
    swap.taken_by = volunteer
    swap.closed_at = timezone.now()
    swap.save(update_fields=["status", "taken_by", "closed_at"])
    notify.reminder_cancel(shift, swap.volunteer.user_id)
    notify.reminder_schedule(shift, user)
    notify.swap_taken(shift, swap.volunteer.user, swap_id=swap.pk, taker=user.display_name)
    log_action(actor=actor, action="vrijwilligers.swap.taken", obj=swap, subject=user)
    return claim


@transaction.atomic
def swap_withdraw(*, swap: SwapRequest, actor: Any) -> SwapRequest:
    swap = lock(SwapRequest.objects.all(), swap.pk)
    if swap.status != SwapRequest.Status.OPEN:
        raise VolunteersError(_("This request is closed."))
    swap.status = SwapRequest.Status.WITHDRAWN
    swap.closed_at = timezone.now()
    swap.save(update_fields=["status", "closed_at"])
    log_action(actor=actor, action="vrijwilligers.swap.withdrawn", obj=swap)
    return swap
