"""Reads of signals: the ones a user may see, and the list by keyset (its filters:
`kwartiermaken.filters.SignalFilterSet`)."""

from typing import Any

from django.db.models import Q, QuerySet

from huis.core.cursors import make_cursor, parse_day_cursor

from ..models import Signal
from ..permissions import narrowed


def signals_for(*, user: Any) -> QuerySet[Signal]:
    signals = narrowed(
        user, Signal.objects.select_related("neighbourhood", "organisation", "created_by")
    )
    return signals.order_by("-observed_on", "-pk")


def signal_page(
    *, signals: QuerySet[Signal], cursor: str = "", size: int = 50
) -> tuple[list[Signal], str | None]:
    """One page of `signals` (newest first) after `cursor`, and the cursor of the next page."""
    position = parse_day_cursor(cursor) if cursor else None
    if position is not None:
        day, pk = position
        signals = signals.filter(Q(observed_on__lt=day) | Q(observed_on=day, pk__lt=pk))
    rows = list(signals[: size + 1])
    if len(rows) > size:
        rows = rows[:size]
        return rows, make_cursor(rows[-1].observed_on, rows[-1].pk)
    return rows, None
