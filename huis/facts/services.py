"""The one write: staff save the house's facts, opening hours and closed days together."""

import itertools
from dataclasses import asdict, dataclass
from datetime import date, time
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from huis.audit.services import log_action
from huis.core.errors import DomainError
from huis.core.versioned_cache import bump

from .models import Closure, HouseFacts, OpeningPeriod
from .selectors import SCOPE, closures_window_start


class FactsError(DomainError):
    pass


@dataclass(frozen=True)
class FactsDetails:
    name: str
    street: str
    number: str
    postal_code: str
    municipality: str
    phone: str
    email: str
    route_nl: str = ""
    route_fr: str = ""
    route_en: str = ""
    access_nl: str = ""
    access_fr: str = ""
    access_en: str = ""
    welcome_nl: str = ""
    welcome_fr: str = ""
    welcome_en: str = ""


Period = tuple[int, time, time]  # weekday, opens, closes


def _periods_refusal(periods: list[Period]) -> str | None:
    by_day: dict[int, list[tuple[time, time]]] = {}
    for weekday, opens, closes in periods:
        if not opens < closes:
            return str(_("A period must end after it starts."))
        by_day.setdefault(weekday, []).append((opens, closes))
    for spans in by_day.values():
        spans.sort()
        for (_o, first_closes), (second_opens, _c) in itertools.pairwise(spans):
            if second_opens < first_closes:
                return str(_("Two periods of one day overlap."))
    return None


def _state(facts: HouseFacts) -> dict[str, Any]:
    return {
        **{f: getattr(facts, f) for f in FactsDetails.__dataclass_fields__},
        "hours": [
            f"{p.weekday} {p.opens_at:%H:%M}-{p.closes_at:%H:%M}"
            for p in OpeningPeriod.objects.all()
        ],
        "closures": [f"{c.date.isoformat()} {c.reason}" for c in Closure.objects.all()],
    }


def facts_update(
    *,
    actor: Any,
    details: FactsDetails,
    periods: list[Period],
    closures: list[tuple[date, str]],
    request: HttpRequest | None = None,
) -> HouseFacts:
    """Save everything staff see on the facts page; the audit entry holds before and after."""
    refusal = _periods_refusal(periods)
    if refusal:
        raise FactsError(refusal)
    days = [day for day, _reason in closures]
    if len(set(days)) != len(days):
        raise FactsError(_("A closed day is given twice."))
    with transaction.atomic():
        facts, _created = HouseFacts.objects.select_for_update().get_or_create(
            pk=1, defaults={"name": details.name}
        )
        before = _state(facts)
        for name, value in asdict(details).items():
            setattr(facts, name, value)
        facts.save()
        OpeningPeriod.objects.all().delete()
        OpeningPeriod.objects.bulk_create(
            OpeningPeriod(weekday=w, opens_at=o, closes_at=c) for w, o, c in sorted(periods)
        )
        # Older closed days are history the page does not show: they stay.
        Closure.objects.filter(date__gte=closures_window_start()).exclude(date__in=days).delete()
        for day, reason in closures:
            Closure.objects.update_or_create(date=day, defaults={"reason": reason})
        after = _state(facts)
        changed = {
            k: {"before": before[k], "after": after[k]} for k in after if before[k] != after[k]
        }
        log_action(
            actor=actor,
            action="facts.updated",
            obj=facts,
            data={"changed": changed},
            request=request,
        )
        bump(SCOPE)  # bulk_create sends no signal
    return facts
