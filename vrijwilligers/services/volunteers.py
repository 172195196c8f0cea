"""A volunteer's profile (with the legal facts), stopping and coming back, and their feed."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.accounts.roles import Role
from huis.audit.services import log_action
from huis.core.locking import lock
from huis.places import services as places
from huis.places.models import ACTIVE_STATUSES, PlaceClaim

from .. import notify
from ..models import Shift, SwapRequest, Volunteer
from ..models.volunteers import new_feed_token
from .applications import _clean_tasks
from .errors import VolunteersError


@dataclass(frozen=True)
class VolunteerDetails:
    tasks: list[str]
    availability: str
    languages: str
    started_on: dt.date
    info_note_on: dt.date | None
    insured: bool
    receives_benefit: bool
    benefit_agency_told_on: dt.date | None
    gets_allowance: bool


@transaction.atomic
def volunteer_update(*, volunteer: Volunteer, details: VolunteerDetails, actor: Any) -> Volunteer:
    volunteer = lock(Volunteer.objects.select_related("user"), volunteer.pk, of=("self",))
    today = timezone.localdate()
    if details.info_note_on and details.info_note_on > today:
        raise VolunteersError(_("This day is still to come."), field="info_note_on")
    if details.benefit_agency_told_on and not details.receives_benefit:
        raise VolunteersError(
            _("Only for a volunteer who receives a benefit."), field="benefit_agency_told_on"
        )
    volunteer.tasks = _clean_tasks(details.tasks)
    volunteer.availability = details.availability.strip()[:300]
    volunteer.languages = details.languages.strip()[:120]
    volunteer.started_on = details.started_on
    volunteer.info_note_on = details.info_note_on
    volunteer.insured = details.insured
    volunteer.receives_benefit = details.receives_benefit
    volunteer.benefit_agency_told_on = details.benefit_agency_told_on
    volunteer.gets_allowance = details.gets_allowance
    volunteer.save()
    log_action(
        actor=actor, action="vrijwilligers.volunteer.updated", obj=volunteer, subject=volunteer.user
    )
    return volunteer


def future_claims(volunteer: Volunteer):
    shift_type = ContentType.objects.get_for_model(Shift)
    return (
        PlaceClaim.objects.filter(
            user_id=volunteer.user_id,
            status__in=ACTIVE_STATUSES,
            offering__holder_type=shift_type,
        )
        .select_related("offering")
        .order_by("pk")
    )


@transaction.atomic
def volunteer_deactivate(*, volunteer: Volunteer, actor: Any) -> list[Shift]:
    """The volunteer stops: their future shifts are given back (the next in line gets the place),
    their open swaps are withdrawn and the coordinators get a notice with the shifts freed."""
    volunteer = lock(Volunteer.objects.select_related("user"), volunteer.pk, of=("self",))
    if not volunteer.is_active:
        raise VolunteersError(_("This volunteer has already stopped."))
    now = timezone.now()
    volunteer.is_active = False
    volunteer.ended_on = timezone.localdate()
    volunteer.save(update_fields=["is_active", "ended_on"])
    claims = list(future_claims(volunteer))
    shifts = {
        s.pk: s
        for s in Shift.objects.filter(
            offering_id__in=[c.offering_id for c in claims], starts_at__gt=now
        )
    }
    freed = []
    for claim in claims:
        shift = next((s for s in shifts.values() if s.offering_id == claim.offering_id), None)
        if shift is None:
            continue
        places.claim_cancel(claim=claim, actor=actor, reason=_("The volunteer stopped."))
        notify.reminder_cancel(shift, volunteer.user_id)
        freed.append(shift)
    SwapRequest.objects.filter(volunteer=volunteer, status=SwapRequest.Status.OPEN).update(
        status=SwapRequest.Status.WITHDRAWN, closed_at=now
    )
    freed.sort(key=lambda s: s.starts_at)
    coordinators = (
        get_user_model().objects.filter(is_active=True, groups__name=Role.COORDINATOR).distinct()
    )
    for coordinator in coordinators:
        notify.volunteer_stopped(volunteer, coordinator, freed)
    log_action(
        actor=actor,
        action="vrijwilligers.volunteer.deactivated",
        obj=volunteer,
        subject=volunteer.user,
        data={"shifts_given_back": [s.pk for s in freed]},
    )
    return freed


@transaction.atomic
def volunteer_reactivate(*, volunteer: Volunteer, actor: Any) -> Volunteer:
    volunteer = lock(Volunteer.objects.all(), volunteer.pk)
    volunteer.is_active, volunteer.ended_on = True, None
    volunteer.save(update_fields=["is_active", "ended_on"])
    log_action(actor=actor, action="vrijwilligers.volunteer.reactivated", obj=volunteer)
    return volunteer


@transaction.atomic
def volunteer_renew_feed(*, volunteer: Volunteer, actor: Any) -> Volunteer:
    volunteer = lock(Volunteer.objects.all(), volunteer.pk)
    volunteer.feed_token = new_feed_token()
    volunteer.save(update_fields=["feed_token"])
    log_action(actor=actor, action="vrijwilligers.feed.renewed", obj=volunteer)
    return volunteer
