"""Residents heard in a policy recommendation: record how they were consulted, quote their own
words only with their consent, and remove a quote when they take it back."""

import dataclasses
import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.audit.services import log_action
from huis.core.locking import lock

from ..models import ConsultationKind, PolicyRecommendation, ResidentConsultation, ResidentQuote
from .common import KwartiermakenError


@dataclasses.dataclass(frozen=True, kw_only=True)
class ConsultationDetails:
    kind: str
    held_on: dt.date
    people: int
    responses: int | None = None
    summary: str = ""


@transaction.atomic
def consultation_record(
    *,
    recommendation: PolicyRecommendation,
    actor: Any,
    details: ConsultationDetails,
    request: HttpRequest | None = None,
) -> ResidentConsultation:
    if details.kind not in ConsultationKind.values:
        raise KwartiermakenError(_("Choose how residents were consulted."), field="kind")
    if details.held_on > timezone.localdate():
        raise KwartiermakenError(_("The date cannot be in the future."), field="held_on")
    if details.people < 1:
        raise KwartiermakenError(_("How many residents took part?"), field="people")
    if details.responses is not None and details.responses > details.people:
        raise KwartiermakenError(
            _("There cannot be more answers than residents taking part."), field="responses"
        )
    if details.kind != ConsultationKind.SURVEY and details.responses is not None:
        details = dataclasses.replace(details, responses=None)
    locked = lock(PolicyRecommendation.objects, recommendation.pk)
    consultation = ResidentConsultation.objects.create(
        recommendation=locked,
        kind=details.kind,
        held_on=details.held_on,
        people=details.people,
        responses=details.responses,
        summary=details.summary.strip(),
        recorded_by=actor,
    )
    log_action(
        actor=actor,
        action="kwartiermaken.consultation_recorded",
        obj=locked,
        data={"consultation": consultation.pk, "kind": details.kind, "people": details.people},
        request=request,
    )
    return consultation


@transaction.atomic
def quote_add(
    *,
    recommendation: PolicyRecommendation,
    actor: Any,
    text: str,
    who: str = "",
    consent_given: bool,
    request: HttpRequest | None = None,
) -> ResidentQuote:
    if not consent_given:
        raise KwartiermakenError(
            _("Quote a resident only with their consent. Ask them first."),
            field="consent_given",
        )
    text = text.strip()
    if not text:
        raise KwartiermakenError(_("Write down what the resident said."), field="text")
    locked = lock(PolicyRecommendation.objects, recommendation.pk)
    quote = ResidentQuote.objects.create(
        recommendation=locked,
        text=text[:600],
        who=who.strip()[:80],
        consent_given=True,
        recorded_by=actor,
    )
    log_action(
        actor=actor,
        action="kwartiermaken.quote_added",
        obj=locked,
        data={"quote": quote.pk},
        request=request,
    )
    return quote


@transaction.atomic
def quote_remove(*, quote: ResidentQuote, actor: Any, request: HttpRequest | None = None) -> None:
    """The resident takes their consent back (or the quote should go): it is deleted."""
    recommendation = quote.recommendation
    deleted, _rows = ResidentQuote.objects.filter(pk=quote.pk).delete()
    if not deleted:
        raise KwartiermakenError(_("This quote was already removed."))
    log_action(
        actor=actor,
        action="kwartiermaken.quote_removed",
        obj=recommendation,
        data={"quote": quote.pk},
        request=request,
    )
