"""Reads of signals: the list by keyset, filtered by category, neighbourhood and words."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from huis.core.cursors import make_cursor, parse_day_cursor

from ..models import Signal
from ..permissions import narrowed


@dataclass(frozen=True)
class SignalFilter:
    category: str = ""
    neighbourhood: int | None = None
    query: str = ""


def signals_for(*, user: Any, filters: SignalFilter | None = None) -> QuerySet[Signal]:
    signals = narrowed(
        user, Signal.objects.select_related("neighbourhood", "organisation", "created_by")
    )
    filters = filters or SignalFilter()
    if filters.category:
        signals = signals.filter(category=filters.category)
    if filters.neighbourhood:
        signals = signals.filter(neighbourhood_id=filters.neighbourhood)
    if filters.query.strip():
        query = filters.query.strip()
        signals = signals.filter(Q(service__icontains=query) | Q(description__icontains=query))
    return signals.order_by("-observed_on", "-pk")


def signal_page(
    *, user: Any, filters: SignalFilter, cursor: str = "", size: int = 50
) -> tuple[list[Signal], str | None]:
    signals = signals_for(user=user, filters=filters)
    position = parse_day_cursor(cursor) if cursor else None
    if position is not None:
        day, pk = position
        signals = signals.filter(Q(observed_on__lt=day) | Q(observed_on=day, pk__lt=pk))
    rows = list(signals[: size + 1])
    if len(rows) > size:
        rows = rows[:size]
        return rows, make_cursor(rows[-1].observed_on, rows[-1].pk)
    return rows, None
