"""A home visit or other outreach work starts a referral in the partner network in one step:
the needs observed go along, the referral is linked to the entry and counted among its
referrals. The referral itself is netwerk's (its service decides and writes it)."""

import dataclasses
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from huis.accounts.models import Organisation
from huis.audit.services import log_action
from huis.core.locking import lock
from netwerk import services as netwerk_services

from .. import figures
from ..models import OutreachEntry, OutreachReferral
from .common import check_organisation


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReferralFromOutreach:
    """What the worker writes down with the person to refer them."""

    to_organisation: Organisation
    alias: str
    question: str
    contact: str = ""
    minimum_needed: str = ""
    tried: str = ""
    items: tuple[str, ...] = ()
    scope: str = ""
    also_share_with: tuple[Organisation, ...] = ()
    receiver_may_pass_on: bool = False
    consent_given: bool = False


@transaction.atomic
def entry_refer(
    *,
    entry: OutreachEntry,
    actor: Any,
    details: ReferralFromOutreach,
    request: HttpRequest | None = None,
) -> Any:
    """Start a referral from `entry` (its organisation refers; its needs are copied)."""
    check_organisation(actor, entry.organisation)
    locked = lock(OutreachEntry.objects, entry.pk)
    needs: Iterable[str] = [need.name for need in locked.needs.order_by("name")]
    referral = netwerk_services.referral_create(
        actor=actor,
        from_organisation=locked.organisation,
        to_organisation=details.to_organisation,
        question=details.question,
        minimum_needed=details.minimum_needed,
        tried=details.tried,
        needs=needs,
        origin="outreach",
        consent_given=details.consent_given,
        items=details.items,
        scope=details.scope,
        also_share_with=details.also_share_with,
        receiver_may_pass_on=details.receiver_may_pass_on,
        alias=details.alias,
        contact=details.contact,
    )
    OutreachReferral.objects.create(entry=locked, referral_id=referral.pk)
    locked.referrals = min(locked.referrals + 1, 32767)
    locked.save(update_fields=["referrals", "updated_at"])
    figures.refresh(organisation_id=locked.organisation_id, days=[locked.date])
    log_action(
        actor=actor,
        action="kwartiermaken.entry_referred",
        obj=locked,
        data={"referral": referral.pk, "to": details.to_organisation.pk},
        request=request,
    )
    return referral
