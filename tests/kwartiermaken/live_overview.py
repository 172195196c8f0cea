"""The overview counted live from the entries themselves: what the monthly figures must equal.

Only the tests use it (too slow for a page at the scale of years of work): they compare
`overview_for`, read from the figures, with this plain recount after every kind of change.
"""

from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.utils.formats import date_format

from kwartiermaken.models import OutreachKind
from kwartiermaken.selectors.common import OPEN_FOLLOW_UP
from kwartiermaken.selectors.overview import (
    Overview,
    OverviewFilter,
    OverviewRow,
    _live_needs,
    _live_signals,
    _overview_entries,
)

GROUP_TOTALS = {
    "n": Count("pk"),
    "people": Coalesce(Sum("people_reached"), 0),
    "referrals": Coalesce(Sum("referrals"), 0),
    "open": Count("pk", filter=OPEN_FOLLOW_UP),
}


def overview_live(*, user: Any, filters: OverviewFilter) -> Overview:
    """The overview of `overview_for`, counted from the entries with GROUP BY."""
    entries = _overview_entries(user=user, filters=filters)
    overview = Overview(filters=filters)

    kinds = dict(OutreachKind.choices)
    for row in entries.values("kind").annotate(**GROUP_TOTALS).order_by("-n", "kind"):
        overview.by_kind.append(
            OverviewRow(
                label=str(kinds.get(row["kind"], row["kind"])),
                entries=row["n"],
                people=row["people"],
                follow_ups_open=row["open"],
            )
        )
        overview.total_entries += row["n"]
        overview.total_people += row["people"]
        overview.total_referrals += row["referrals"]
        overview.total_follow_ups_open += row["open"]

    overview.by_neighbourhood = [
        OverviewRow(
            label=row["neighbourhood__name"],
            entries=row["n"],
            people=row["people"],
            follow_ups_open=row["open"],
        )
        for row in entries.values("neighbourhood_id", "neighbourhood__name")
        .annotate(**GROUP_TOTALS)
        .order_by("-n", "neighbourhood__name")
    ]
    overview.by_month = [
        OverviewRow(
            label=date_format(row["month"], "YEAR_MONTH_FORMAT"),
            entries=row["n"],
            people=row["people"],
            follow_ups_open=row["open"],
        )
        for row in entries.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(**GROUP_TOTALS)
        .order_by("month")
    ]
    overview.by_need = _live_needs(entries)
    overview.signals_by_category = _live_signals(user=user, filters=filters)
    overview.total_signals = sum(row.count for row in overview.signals_by_category)
    return overview
