"""Writes of policy recommendations: a draft bundles signals, is sent, answered and decided."""

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.audit.services import log_action
from huis.core.locking import lock

from ..models import PolicyRecommendation, Signal
from .common import KwartiermakenError, changed_fields, stored_values


@dataclasses.dataclass(frozen=True, kw_only=True)
class RecommendationDetails:
    """What a coordinator writes in a recommendation (the signals go apart)."""

    title: str
    problem: str
    proposal: str
    addressed_to: str

    @classmethod
    def of(cls, recommendation: PolicyRecommendation) -> "RecommendationDetails":
        return cls(**{f.name: getattr(recommendation, f.name) for f in dataclasses.fields(cls)})

    def apply_to(self, recommendation: PolicyRecommendation) -> None:
        recommendation.title = self.title
        recommendation.problem = self.problem
        recommendation.proposal = self.proposal
        recommendation.addressed_to = self.addressed_to


RECOMMENDATION_FIELDS = tuple(f.name for f in dataclasses.fields(RecommendationDetails))
Status = PolicyRecommendation.Status

# Which status may follow which: the workflow, in one place.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.SENT}),
    Status.SENT: frozenset({Status.ANSWERED, Status.IMPLEMENTED, Status.REJECTED}),
    Status.ANSWERED: frozenset({Status.IMPLEMENTED, Status.REJECTED}),
    Status.IMPLEMENTED: frozenset(),
    Status.REJECTED: frozenset(),
}


@transaction.atomic
def recommendation_create(
    *,
    actor: Any,
    details: RecommendationDetails,
    signals: Iterable[Signal] = (),
    request: HttpRequest | None = None,
) -> PolicyRecommendation:
    recommendation = PolicyRecommendation(created_by=actor)
    details.apply_to(recommendation)
    recommendation.save()
    signals = list(signals)
    recommendation.signals.set(signals)
    log_action(
        actor=actor,
        action="kwartiermaken.recommendation_created",
        obj=recommendation,
        data={"signals": [s.pk for s in signals]},
        request=request,
    )
    return recommendation


@transaction.atomic
def recommendation_update(
    *,
    recommendation: PolicyRecommendation,
    actor: Any,
    details: RecommendationDetails,
    signals: Iterable[Signal] | None = None,
    request: HttpRequest | None = None,
) -> PolicyRecommendation:
    """A draft can be changed; once sent, what was sent stays as it was."""
    locked = lock(PolicyRecommendation.objects.all(), recommendation.pk)
    if locked.status != Status.DRAFT:
        raise KwartiermakenError(_("Only a draft can be changed. This one was already sent."))
    before = stored_values(locked, RECOMMENDATION_FIELDS)
    details.apply_to(locked)
    changed = changed_fields(locked, before)
    locked.save()
    if signals is not None:
        locked.signals.set(list(signals))
    log_action(
        actor=actor,
        action="kwartiermaken.recommendation_changed",
        obj=locked,
        data={"fields": changed + (["signals"] if signals is not None else [])},
        request=request,
    )
    return locked


def _transition(
    recommendation: PolicyRecommendation,
    *,
    to: str,
    actor: Any,
    request: HttpRequest | None,
    **updates: Any,
) -> PolicyRecommendation:
    # The row lock makes two clicks at the same moment one transition: the second sees the new
    # status and is refused.
    locked = lock(PolicyRecommendation.objects.all(), recommendation.pk)
    if to not in TRANSITIONS[locked.status]:
        raise KwartiermakenError(
            _("A recommendation that is “%(status)s” cannot become “%(to)s”.")
            % {"status": locked.get_status_display(), "to": Status(to).label}
        )
    previous = locked.status
    locked.status = to
    for name, value in updates.items():
        setattr(locked, name, value)
    locked.save()
    log_action(
        actor=actor,
        action=f"kwartiermaken.recommendation_{to}",
        obj=locked,
        data={"from": previous, "to": to},
        request=request,
    )
    return locked


@transaction.atomic
def recommendation_send(
    *,
    recommendation: PolicyRecommendation,
    actor: Any,
    sent_on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> PolicyRecommendation:
    if not recommendation.signals.exists():
        raise KwartiermakenError(
            _("Add at least one signal as evidence before you send the recommendation.")
        )
    return _transition(
        recommendation,
        to=Status.SENT,
        actor=actor,
        request=request,
        sent_on=sent_on or timezone.localdate(),
    )


@transaction.atomic
def recommendation_record_answer(
    *,
    recommendation: PolicyRecommendation,
    actor: Any,
    answer: str,
    answered_on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> PolicyRecommendation:
    if not answer.strip():
        raise KwartiermakenError(_("Write down the answer you received."), field="answer")
    return _transition(
        recommendation,
        to=Status.ANSWERED,
        actor=actor,
        request=request,
        answer=answer.strip(),
        answered_on=answered_on or timezone.localdate(),
    )


@transaction.atomic
def recommendation_decide(
    *,
    recommendation: PolicyRecommendation,
    actor: Any,
    outcome: str,
    decided_on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> PolicyRecommendation:
    """The service implemented the proposal, or rejected it."""
    if outcome not in (Status.IMPLEMENTED, Status.REJECTED):
        raise KwartiermakenError(_("Choose implemented or rejected."))
    return _transition(
        recommendation,
        to=outcome,
        actor=actor,
        request=request,
        decided_on=decided_on or timezone.localdate(),
    )
