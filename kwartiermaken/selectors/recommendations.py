"""Reads of policy recommendations: the list with their evidence counted, the signals to bundle."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import PolicyRecommendation, Signal
from ..permissions import is_coordinator
from .common import CountRow


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
