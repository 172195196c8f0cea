"""Reads of the overviews: totals per month, neighbourhood, kind, need and signal category.

They aggregate in the database from the monthly figures (kwartiermaken.figures), not from the
entries table (which is large); `overview_scope` is what the overview page's cache keys hold of
the user.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Min, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format

from huis.accounts.access import organisation_ids
from huis.accounts.models import Organisation

from .. import figures_cache
from ..models import (
    NeedMonth,
    OutreachEntry,
    OutreachKind,
    OutreachMonth,
    Signal,
    SignalCategory,
    SignalMonth,
)
from ..permissions import is_coordinator, is_worker, narrowed
from .common import CountRow, FilterChoice, filter_choices


@dataclass(frozen=True)
class OverviewFilter:
    year: int | None = None
    neighbourhood: int | None = None
    kind: str = ""
    organisation: int | None = None


@dataclass(frozen=True)
class OverviewRow:
    label: str
    entries: int = 0
    people: int = 0
    follow_ups_open: int = 0


@dataclass
class Overview:
    filters: OverviewFilter
    total_entries: int = 0
    total_people: int = 0
    total_referrals: int = 0
    total_follow_ups_open: int = 0
    total_signals: int = 0
    by_month: list[OverviewRow] = field(default_factory=list)
    by_neighbourhood: list[OverviewRow] = field(default_factory=list)
    by_kind: list[OverviewRow] = field(default_factory=list)
    by_need: list[OverviewRow] = field(default_factory=list)
    signals_by_category: list[CountRow] = field(default_factory=list)


def _overview_entries(*, user: Any, filters: OverviewFilter) -> QuerySet[OutreachEntry]:
    entries = narrowed(user, OutreachEntry.objects.all())
    if filters.year:
        entries = entries.filter(
            date__gte=dt.date(filters.year, 1, 1), date__lt=dt.date(filters.year + 1, 1, 1)
        )
    if filters.neighbourhood:
        entries = entries.filter(neighbourhood_id=filters.neighbourhood)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.organisation:
        entries = entries.filter(organisation_id=filters.organisation)
    return entries.order_by()


def _overview_signals(*, user: Any, filters: OverviewFilter) -> QuerySet[Signal]:
    signals = narrowed(user, Signal.objects.all())
    if filters.year:
        signals = signals.filter(
            observed_on__gte=dt.date(filters.year, 1, 1),
            observed_on__lt=dt.date(filters.year + 1, 1, 1),
        )
    if filters.neighbourhood:
        signals = signals.filter(neighbourhood_id=filters.neighbourhood)
    if filters.kind:
        signals = signals.filter(entry__kind=filters.kind)
    if filters.organisation:
        signals = signals.filter(organisation_id=filters.organisation)
    return signals.order_by()


def overview_years(*, user: Any) -> list[int]:
    """The years that have entries, newest first: MIN and MAX use the date index."""
    bounds = narrowed(user, OutreachEntry.objects.all()).aggregate(
        first=Min("date"), last=Max("date")
    )
    this_year = timezone.localdate().year
    if bounds["first"] is None:
        return [this_year]
    return list(range(max(bounds["last"].year, this_year), bounds["first"].year - 1, -1))


def overview_for(*, user: Any, filters: OverviewFilter) -> Overview:
    """Entries, people reached, needs, signals and open follow-ups, from the monthly figures
    (kwartiermaken.figures): three small queries, whatever the number of entries. Needs and
    signals filtered by neighbourhood or kind are counted live (the figures do not split them
    that finely; the filter keeps the count small)."""
    overview = Overview(filters=filters)
    rows = _figures(OutreachMonth, user=user, filters=filters)
    if filters.neighbourhood:
        rows = rows.filter(neighbourhood_id=filters.neighbourhood)
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    by_kind: dict[str, list[int]] = {}
    by_neighbourhood: dict[tuple[str, int], list[int]] = {}
    by_month: dict[dt.date, list[int]] = {}
    for month, nbh, name, kind, entries, people, referrals, open_ in rows.values_list(
        "month", "neighbourhood_id", "neighbourhood__name", "kind", *FIGURES
    ):
        for bucket, key in ((by_kind, kind), (by_neighbourhood, (name, nbh)), (by_month, month)):
            total = bucket.setdefault(key, [0, 0, 0])
            total[0] += entries
            total[1] += people
            total[2] += open_
        overview.total_entries += entries
        overview.total_people += people
        overview.total_referrals += referrals
        overview.total_follow_ups_open += open_
    kinds = dict(OutreachKind.choices)
    overview.by_kind = [
        OverviewRow(label=str(kinds.get(kind, kind)), entries=n, people=p, follow_ups_open=o)
        for kind, (n, p, o) in sorted(by_kind.items(), key=lambda i: (-i[1][0], i[0]))
    ]
    overview.by_neighbourhood = [
        OverviewRow(label=name, entries=n, people=p, follow_ups_open=o)
        for (name, _pk), (n, p, o) in sorted(
            by_neighbourhood.items(), key=lambda i: (-i[1][0], i[0][0])
        )
    ]
    overview.by_month = [
        OverviewRow(
            label=date_format(month, "YEAR_MONTH_FORMAT"), entries=n, people=p, follow_ups_open=o
        )
        for month, (n, p, o) in sorted(by_month.items())
    ]
    if filters.neighbourhood or filters.kind:
        entries = _overview_entries(user=user, filters=filters)
        overview.by_need = _live_needs(entries)
        overview.signals_by_category = _live_signals(user=user, filters=filters)
    else:
        overview.by_need = [
            OverviewRow(label=row["need__name"], entries=row["n"])
            for row in _figures(NeedMonth, user=user, filters=filters)
            .values("need_id", "need__name")
            .annotate(n=Sum("entries"))
            .order_by("-n", "need__name")
        ]
        categories = dict(SignalCategory.choices)
        overview.signals_by_category = [
            CountRow(
                label=str(categories.get(row["category"], row["category"])),
                count=row["n"],
                seen=row["seen"],
            )
            for row in _figures(SignalMonth, user=user, filters=filters)
            .values("category")
            .annotate(n=Sum("signals"), seen=Sum("times_seen"))
            .order_by("-seen", "category")
        ]
    overview.total_signals = sum(row.count for row in overview.signals_by_category)
    return overview


FIGURES = ("entries", "people", "referrals", "follow_ups_open")


def overview_scope(*, user: Any) -> str:
    """What `narrowed` lets `user` see of the figures, as a cache key part: all organisations,
    their own organisations, or nothing."""
    if not is_worker.test(user):
        return "none"
    if is_coordinator.test(user):
        return "all"
    return "org-" + ",".join(str(pk) for pk in sorted(organisation_ids(user)))


def _figures(model, *, user: Any, filters: OverviewFilter) -> QuerySet:
    """The monthly figures `user` may see: the network's totals for coordinators looking at all
    organisations, else the rows of the organisation(s) in view."""
    if is_coordinator.test(user) and not filters.organisation:
        rows = narrowed(user, model.objects.filter(organisation__isnull=True))
    else:
        rows = narrowed(user, model.objects.filter(organisation__isnull=False))
        if filters.organisation:
            rows = rows.filter(organisation_id=filters.organisation)
    if filters.year:
        rows = rows.filter(
            month__gte=dt.date(filters.year, 1, 1), month__lt=dt.date(filters.year + 1, 1, 1)
        )
    return rows.order_by()


def _live_needs(entries: QuerySet[OutreachEntry]) -> list[OverviewRow]:
    through = OutreachEntry.needs.through
    return [
        OverviewRow(label=row["need__name"], entries=row["n"])
        for row in through.objects.filter(outreachentry__in=entries.values("pk"))
        .values("need_id", "need__name")
        .annotate(n=Count("outreachentry_id"))
        .order_by("-n", "need__name")
    ]


def _live_signals(*, user: Any, filters: OverviewFilter) -> list[CountRow]:
    categories = dict(SignalCategory.choices)
    signals = _overview_signals(user=user, filters=filters)
    return [
        CountRow(
            label=str(categories.get(row["category"], row["category"])),
            count=row["n"],
            seen=row["seen"],
        )
        for row in signals.values("category")
        .annotate(n=Count("pk"), seen=Coalesce(Sum("times_seen"), 0))
        .order_by("-seen", "category")
    ]


def overview_export_rows(*, user: Any, filters: OverviewFilter) -> list[dict]:
    """One row per month, organisation, neighbourhood and kind: the detail behind the totals."""
    kinds = dict(OutreachKind.choices)
    rows = narrowed(user, OutreachMonth.objects.filter(organisation__isnull=False))
    if filters.year:
        rows = rows.filter(
            month__gte=dt.date(filters.year, 1, 1), month__lt=dt.date(filters.year + 1, 1, 1)
        )
    for name in ("neighbourhood", "kind", "organisation"):
        value = getattr(filters, name)
        if value:
            rows = rows.filter(**{name if name == "kind" else f"{name}_id": value})
    rows = (
        rows.values("month", "organisation__name", "neighbourhood__name", "kind")
        .annotate(
            n=Sum("entries"),
            people=Sum("people"),
            referrals=Sum("referrals"),
            open=Sum("follow_ups_open"),
        )
        .order_by("month", "organisation__name", "neighbourhood__name", "kind")
    )
    return [
        {
            "month": row["month"].strftime("%Y-%m"),
            "organisation": row["organisation__name"],
            "neighbourhood": row["neighbourhood__name"],
            "kind": str(kinds.get(row["kind"], row["kind"])),
            "entries": row["n"],
            "people": row["people"],
            "referrals": row["referrals"],
            "follow_ups_open": row["open"],
        }
        for row in rows
    ]


def organisations_for_filter_kept(*, user: Any) -> list[tuple[Any, tuple]]:
    """What `organisations_for_filter` reads from the cache, for reading it ahead."""
    return [(figures_cache.ORGANISATION_CHOICES, ())] if is_coordinator.test(user) else []


def organisations_for_filter(*, user: Any) -> list[FilterChoice]:
    """Coordinators filter the overview by organisation; others see only their own anyway."""
    if not is_coordinator.test(user):
        return []
    return figures_cache.ORGANISATION_CHOICES.get_or_set(
        compute=lambda: filter_choices(
            Organisation.objects.filter(
                kind__in=[Organisation.Kind.PARTNER, Organisation.Kind.HOUSE], is_active=True
            ).order_by("name")
        )
    )
