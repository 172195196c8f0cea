"""The person's own agreement: the six-month guidance agreement printed for them to sign, and
the day they signed it recorded (no scan of a signature is kept)."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.access import organisation_ids
from huis.audit.services import log_action
from huis.core.locking import lock

from ..models import GuidanceAgreement
from .errors import NetwerkError


@transaction.atomic
def guidance_record_signed(
    *,
    agreement: GuidanceAgreement,
    actor: Any,
    signed_on: dt.date,
    request: HttpRequest | None = None,
) -> GuidanceAgreement:
    locked = lock(GuidanceAgreement.objects, agreement.pk)
    if locked.lead_organisation_id not in organisation_ids(actor):
        raise NetwerkError(_("Only the lead partner records the signature."))
    if signed_on > timezone.localdate():
        raise NetwerkError(_("The date cannot be in the future."), field="signed_on")
    if signed_on < locked.created_at.date() - dt.timedelta(days=31):
        raise NetwerkError(
            _("The person cannot have signed it long before it was drawn up."),
            field="signed_on",
        )
    locked.signed_on = signed_on
    locked.signed_recorded_by = actor
    locked.save(update_fields=["signed_on", "signed_recorded_by", "updated_at"])
    log_action(
        actor=actor,
        action="netwerk.guidance_signed",
        obj=locked,
        data={"signed_on": signed_on.isoformat()},
        request=request,
    )
    return locked
