"""Writes of signals: thresholds and gaps a worker reports, counted in the monthly figures."""

import dataclasses
import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation
from huis.audit.services import log_action

from .. import figures
from ..models import Neighbourhood, OutreachEntry, Signal
from .common import KwartiermakenError, changed_fields, check_organisation, stored_values


@dataclasses.dataclass(frozen=True, kw_only=True)
class SignalDetails:
    """What a worker writes about one signal. To change a few fields:
    `dataclasses.replace(SignalDetails.of(signal), times_seen=4)`."""

    observed_on: dt.date
    category: str
    neighbourhood: Neighbourhood
    description: str
    service: str = ""
    times_seen: int = 1

    @classmethod
    def of(cls, signal: Signal) -> "SignalDetails":
        return cls(**{f.name: getattr(signal, f.name) for f in dataclasses.fields(cls)})

    def apply_to(self, signal: Signal) -> None:
        signal.observed_on = self.observed_on
        signal.category = self.category
        signal.neighbourhood = self.neighbourhood
        signal.service = self.service
        signal.description = self.description
        signal.times_seen = self.times_seen


SIGNAL_FIELDS = tuple(f.name for f in dataclasses.fields(SignalDetails))


def _clean_signal(signal: Signal) -> None:
    if signal.observed_on > timezone.localdate():
        raise KwartiermakenError(_("The date cannot be in the future."), field="observed_on")
    if not (signal.description or "").strip():
        raise KwartiermakenError(_("Describe what happens."), field="description")


@transaction.atomic
def signal_create(
    *,
    actor: Any,
    organisation: Organisation,
    details: SignalDetails,
    entry: OutreachEntry | None = None,
    request: HttpRequest | None = None,
) -> Signal:
    check_organisation(actor, organisation)
    if entry is not None and entry.organisation_id != organisation.pk:
        raise KwartiermakenError(_("This entry belongs to another organisation."))
    signal = Signal(organisation=organisation, created_by=actor, entry=entry)
    details.apply_to(signal)
    _clean_signal(signal)
    signal.save()
    figures.refresh(organisation_id=organisation.pk, days=[signal.observed_on])
    log_action(
        actor=actor,
        action="kwartiermaken.signal_created",
        obj=signal,
        data={"entry": entry.pk if entry else None},
        request=request,
    )
    return signal


@transaction.atomic
def signal_update(
    *,
    signal: Signal,
    actor: Any,
    details: SignalDetails,
    request: HttpRequest | None = None,
) -> Signal:
    # Read from the database: a form bound to `signal` already changed it in memory.
    before = stored_values(Signal.objects.get(pk=signal.pk), SIGNAL_FIELDS)
    previous_day = before["observed_on"]
    details.apply_to(signal)
    _clean_signal(signal)
    changed = changed_fields(signal, before)
    signal.save()
    figures.refresh(organisation_id=signal.organisation_id, days=[previous_day, signal.observed_on])
    log_action(
        actor=actor,
        action="kwartiermaken.signal_changed",
        obj=signal,
        data={"fields": changed},
        request=request,
    )
    return signal
