"""Reads of kwartiermaken, each for an acting user and with a fixed number of queries.

Everything a worker sees passes `permissions.narrowed`: their organisation's rows only; coordinators
see all. The overviews aggregate with GROUP BY in the database (the entries table is large).
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import (
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format

from huis.accounts.access import organisation_ids
from huis.accounts.models import Organisation
from huis.audit.models import AuditEntry

from .codes import parse_contact_codes
from .models import (
    Need,
    NeedMonth,
    Neighbourhood,
    OutreachEntry,
    OutreachKind,
    OutreachMonth,
    PolicyRecommendation,
    Signal,
    SignalCategory,
    SignalMonth,
)
from .permissions import is_coordinator, is_worker, narrowed
from .services import NOTES_VIEWED

OPEN_FOLLOW_UP = Q(follow_up_on__isnull=False, follow_up_done_at__isnull=True)


def active_neighbourhoods() -> QuerySet[Neighbourhood]:
    return Neighbourhood.objects.filter(is_active=True)


def active_needs() -> QuerySet[Need]:
    return Need.objects.filter(is_active=True)


# --- Entries -----------------------------------------------------------------------------------


def entries_for(*, user: Any) -> QuerySet[OutreachEntry]:
    return narrowed(
        user,
        OutreachEntry.objects.select_related("neighbourhood", "organisation", "created_by"),
    )


def entry_with_details(*, user: Any) -> QuerySet[OutreachEntry]:
    """For fetch_for: the entry with what its page shows, still narrowed to the user."""
    return entries_for(user=user).prefetch_related(
        "needs", Prefetch("signals", queryset=Signal.objects.select_related("neighbourhood"))
    )


@dataclass(frozen=True)
class EntryFilter:
    query: str = ""
    neighbourhood: int | None = None
    kind: str = ""
    follow_up_open: bool = False
    organisation: int | None = None


def _filter_entries(entries: QuerySet[OutreachEntry], filters: EntryFilter) -> QuerySet:
    if filters.neighbourhood:
        entries = entries.filter(neighbourhood_id=filters.neighbourhood)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.follow_up_open:
        entries = entries.filter(OPEN_FOLLOW_UP)
    if filters.organisation:
        entries = entries.filter(organisation_id=filters.organisation)
    query = filters.query.strip()
    if query:
        try:
            codes = parse_contact_codes(query)
        except ValidationError:
            codes = []
        # A contact code finds the earlier entries about the same person; other words search
        # what the worker wrote about referrals and follow-ups (never the notes: reading those is
        # recorded one entry at a time).
        condition = Q(referred_to__icontains=query) | Q(follow_up_note__icontains=query)
        if len(codes) == 1:
            condition |= Q(contact_codes__contains=codes)
        entries = entries.filter(condition)
    return entries


@dataclass(frozen=True)
class EntryPage:
    entries: list[OutreachEntry]
    next_cursor: str | None


def parse_cursor(raw: str) -> tuple[dt.date, int] | None:
    try:
        day, pk = raw.split("_", 1)
        return dt.date.fromisoformat(day), int(pk)
    except ValueError:
        return None


def entry_page(*, user: Any, filters: EntryFilter, cursor: str = "", size: int = 50) -> EntryPage:
    """One page of entries, newest first, by keyset (no OFFSET and no COUNT over a large table)."""
    entries = _filter_entries(entries_for(user=user), filters).prefetch_related("needs")
    position = parse_cursor(cursor) if cursor else None
    if position is not None:
        day, pk = position
        entries = entries.filter(Q(date__lt=day) | Q(date=day, pk__lt=pk))
    rows = list(entries.order_by("-date", "-pk")[: size + 1])
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = f"{last.date.isoformat()}_{last.pk}"
    return EntryPage(entries=rows, next_cursor=next_cursor)


def entries_for_export(*, user: Any, filters: EntryFilter) -> QuerySet[OutreachEntry]:
    return (
        _filter_entries(entries_for(user=user), filters)
        .prefetch_related("needs")
        .order_by("-date", "-pk")
    )


def follow_ups_due(*, user: Any, within_days: int = 7, limit: int = 20) -> list[OutreachEntry]:
    """Open follow-ups of the user's organisation(s) due within a week (and overdue), soonest first.

    Coordinators see their own organisation's here too: the start page is about one's own work.
    """
    horizon = timezone.localdate() + dt.timedelta(days=within_days)
    entries = OutreachEntry.objects.select_related("neighbourhood", "created_by").filter(
        OPEN_FOLLOW_UP, follow_up_on__lte=horizon, organisation_id__in=organisation_ids(user)
    )
    return list(entries.order_by("follow_up_on", "pk")[:limit])


def recent_entries(*, user: Any, limit: int = 5) -> list[OutreachEntry]:
    return list(
        OutreachEntry.objects.select_related("neighbourhood")
        .filter(organisation_id__in=organisation_ids(user))
        .order_by("-date", "-pk")[:limit]
    )


def last_neighbourhood_id(*, user: Any) -> int | None:
    """The neighbourhood of the worker's last entry: the form's default."""
    return (
        OutreachEntry.objects.filter(created_by=user, neighbourhood__is_active=True)
        .order_by("-created_at")
        .values_list("neighbourhood_id", flat=True)
        .first()
    )


def notes_readers(*, entry: OutreachEntry, limit: int = 100) -> list[AuditEntry]:
    """Who read this entry's notes, and when, newest first."""
    return list(
        AuditEntry.objects.filter(
            object_type=OutreachEntry._meta.label_lower,
            object_id=str(entry.pk),
            action=NOTES_VIEWED,
        )
        .select_related("actor")
        .order_by("-at")[:limit]
    )


# --- Signals -----------------------------------------------------------------------------------


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
    position = parse_cursor(cursor) if cursor else None
    if position is not None:
        day, pk = position
        signals = signals.filter(Q(observed_on__lt=day) | Q(observed_on=day, pk__lt=pk))
    rows = list(signals[: size + 1])
    if len(rows) > size:
        rows = rows[:size]
        return rows, f"{rows[-1].observed_on.isoformat()}_{rows[-1].pk}"
    return rows, None


# --- Recommendations ---------------------------------------------------------------------------


def _signals_of_recommendation(field_name: str, aggregate: Any) -> Subquery:
    through = PolicyRecommendation.signals.through
    return Subquery(
        through.objects.filter(policyrecommendation_id=OuterRef("pk"))
        .order_by()
        .values("policyrecommendation_id")
        .annotate(total=aggregate)
        .values("total"),
        output_field=IntegerField(),
    )


def recommendations_for(*, user: Any, status: str = "") -> QuerySet[PolicyRecommendation]:
    if not is_coordinator.test(user):
        return PolicyRecommendation.objects.none()
    recommendations = PolicyRecommendation.objects.annotate(
        signal_count=Coalesce(_signals_of_recommendation("n", Count("signal_id")), 0),
        times_seen=Coalesce(_signals_of_recommendation("seen", Sum("signal__times_seen")), 0),
    )
    if status:
        recommendations = recommendations.filter(status=status)
    return recommendations.order_by("-created_at", "-pk")


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int
    seen: int = 0


@dataclass(frozen=True)
class Evidence:
    signals: list[Signal]
    signal_count: int
    times_seen: int
    organisations: int
    by_category: list[CountRow]
    by_neighbourhood: list[CountRow]


def recommendation_evidence(*, recommendation: PolicyRecommendation) -> Evidence:
    """The signals behind a recommendation, counted: per category and neighbourhood."""
    signals = list(
        recommendation.signals.select_related("neighbourhood", "organisation").order_by(
            "category", "-observed_on"
        )
    )
    categories: dict[str, list[int]] = {}
    neighbourhoods: dict[str, list[int]] = {}
    for signal in signals:
        for bucket, key in (
            (categories, str(signal.get_category_display())),
            (neighbourhoods, signal.neighbourhood.name),
        ):
            count = bucket.setdefault(key, [0, 0])
            count[0] += 1
            count[1] += signal.times_seen

    def rows(bucket: dict[str, list[int]]) -> list[CountRow]:
        return sorted(
            (CountRow(label=k, count=v[0], seen=v[1]) for k, v in bucket.items()),
            key=lambda r: (-r.seen, r.label),
        )

    return Evidence(
        signals=signals,
        signal_count=len(signals),
        times_seen=sum(s.times_seen for s in signals),
        organisations=len({s.organisation_id for s in signals}),
        by_category=rows(categories),
        by_neighbourhood=rows(neighbourhoods),
    )


def signals_to_bundle(
    *, user: Any, recommendation: PolicyRecommendation | None = None, within_days: int = 730
) -> QuerySet[Signal]:
    """The signals a coordinator can choose from: those of the last two years, and the ones the
    recommendation already holds (the list stays a readable length as the years add up)."""
    if not is_coordinator.test(user):
        return Signal.objects.none()
    since = timezone.localdate() - dt.timedelta(days=within_days)
    condition = Q(observed_on__gte=since)
    if recommendation is not None and recommendation.pk:
        condition |= Q(recommendations=recommendation)
    return (
        Signal.objects.filter(condition)
        .select_related("neighbourhood")
        .distinct()
        .order_by("category", "-observed_on", "pk")
    )


# --- Overviews ---------------------------------------------------------------------------------


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


GROUP_TOTALS = {
    "n": Count("pk"),
    "people": Coalesce(Sum("people_reached"), 0),
    "referrals": Coalesce(Sum("referrals"), 0),
    "open": Count("pk", filter=OPEN_FOLLOW_UP),
}


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


def overview_live(*, user: Any, filters: OverviewFilter) -> Overview:
    """The same overview counted from the entries themselves: what the figures must equal (the
    tests compare them). Too slow for a page at the scale of years of work."""
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


def organisations_for_filter(*, user: Any) -> list[Organisation]:
    """Coordinators filter the overview by organisation; others see only their own anyway."""
    if not is_coordinator.test(user):
        return []
    return list(
        Organisation.objects.filter(
            kind__in=[Organisation.Kind.PARTNER, Organisation.Kind.HOUSE], is_active=True
        )
        .only("pk", "name")
        .order_by("name")
    )
