"""Reads of beeldvorming, each for an acting user and with a fixed number of queries."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth

from huis.accounts.access import is_house

from .models import Audience, Campaign, CampaignAction, ConsentRecord, Testimony


def published_testimonies() -> QuerySet[Testimony]:
    """What the public sees. The author is deliberately not joined: only the consented name."""
    return (
        Testimony.objects.filter(
            status=Testimony.Status.PUBLISHED, consent__action=ConsentRecord.Action.GIVEN
        )
        .select_related("consent")
        .order_by("-published_at", "-pk")
    )


def testimonies_of(*, user: Any) -> QuerySet[Testimony]:
    if not getattr(user, "is_authenticated", False):
        return Testimony.objects.none()
    return Testimony.objects.filter(author=user).select_related("consent").order_by("-created_at")


def testimonies_to_review(*, user: Any) -> QuerySet[Testimony]:
    if not is_house.test(user):
        return Testimony.objects.none()
    return Testimony.objects.select_related("consent", "author", "reviewed_by").order_by(
        "status", "-created_at"
    )


def _sum_of_actions(field: str) -> Subquery:
    return Subquery(
        CampaignAction.objects.filter(campaign=OuterRef("pk"))
        .order_by()
        .values("campaign")
        .annotate(total=Sum(field))
        .values("total"),
        output_field=IntegerField(),
    )


def _count_of(model_actions: QuerySet) -> Subquery:
    return Subquery(
        model_actions.filter(campaign=OuterRef("pk"))
        .order_by()
        .values("campaign")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    )


def campaigns_for(*, user: Any) -> QuerySet[Campaign]:
    """Campaigns with their reach and counts, in one query (subqueries, not joins that multiply)."""
    if not is_house.test(user):
        return Campaign.objects.none()
    from .models import CampaignMaterial

    return Campaign.objects.annotate(
        people_reached=Coalesce(_sum_of_actions("people_reached"), 0),
        action_count=Coalesce(_count_of(CampaignAction.objects.all()), 0),
        material_count=Coalesce(_count_of(CampaignMaterial.objects.all()), 0),
    ).order_by("-starts_on", "name")


def campaigns_to_manage(*, user: Any) -> QuerySet[Campaign]:
    """Every campaign, for the house's people (who run them all); none for anyone else."""
    if not is_house.test(user):
        return Campaign.objects.none()
    return Campaign.objects.all()


def campaign_with_details(*, user: Any) -> QuerySet[Campaign]:
    return campaigns_to_manage(user=user).prefetch_related(
        Prefetch(
            "actions",
            queryset=CampaignAction.objects.prefetch_related("experts").order_by("date", "pk"),
        ),
        "materials",
    )


# --- Reach -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReachRow:
    label: str
    people: int
    actions: int


@dataclass(frozen=True)
class Reach:
    year: int | None
    total_people: int
    total_actions: int
    by_campaign: list[ReachRow]
    by_audience: list[ReachRow]
    by_month: list[ReachRow]


def _actions_for(*, user: Any, year: int | None) -> QuerySet[CampaignAction]:
    if not is_house.test(user):
        return CampaignAction.objects.none()
    actions = CampaignAction.objects.all()
    if year is not None:
        actions = actions.filter(date__year=year)
    return actions.order_by()


def reach_years(*, user: Any) -> list[int]:
    return list(
        _actions_for(user=user, year=None)
        .annotate(year=ExtractYear("date"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )


def reach_for(*, user: Any, year: int | None = None) -> Reach:
    """People reached per campaign, audience and month: three grouped queries."""
    actions = _actions_for(user=user, year=year)
    by_campaign = [
        ReachRow(label=row["campaign__name"], people=row["people"] or 0, actions=row["n"])
        for row in actions.values("campaign", "campaign__name")
        .annotate(people=Sum("people_reached"), n=Count("pk"))
        .order_by("-people", "campaign__name")
    ]
    labels = dict(Audience.choices)
    by_audience = [
        ReachRow(
            label=str(labels.get(row["audience"], row["audience"])),
            people=row["people"] or 0,
            actions=row["n"],
        )
        for row in actions.values("audience")
        .annotate(people=Sum("people_reached"), n=Count("pk"))
        .order_by("-people", "audience")
    ]
    month_rows = list(
        actions.annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(people=Sum("people_reached"), n=Count("pk"))
        .order_by("month")
    )
    by_month = [_month_row(row) for row in month_rows]
    return Reach(
        year=year,
        total_people=sum(r.people for r in by_campaign),
        total_actions=sum(r.actions for r in by_campaign),
        by_campaign=by_campaign,
        by_audience=by_audience,
        by_month=by_month,
    )


def _month_row(row: dict) -> ReachRow:
    from django.utils.formats import date_format

    month: date = row["month"]
    return ReachRow(
        label=date_format(month, "YEAR_MONTH_FORMAT"), people=row["people"] or 0, actions=row["n"]
    )


def reach_export_rows(*, user: Any, year: int | None = None) -> list[dict]:
    """One row per campaign, audience and month: the detail behind the three totals."""
    labels = dict(Audience.choices)
    rows = (
        _actions_for(user=user, year=year)
        .annotate(month=TruncMonth("date"))
        .values("campaign__name", "audience", "month")
        .annotate(people=Sum("people_reached"), n=Count("pk"))
        .order_by("month", "campaign__name", "audience")
    )
    return [
        {
            "campaign": row["campaign__name"],
            "audience": str(labels.get(row["audience"], row["audience"])),
            "month": row["month"].strftime("%Y-%m"),
            "people": row["people"] or 0,
            "actions": row["n"],
        }
        for row in rows
    ]
