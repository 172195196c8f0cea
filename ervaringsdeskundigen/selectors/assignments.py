"""Reads of assignments and their allowance reports: what a user may open, the reports waiting,
the totals of a year, the legal year register and the payouts of a month."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet, Sum

from huis.accounts.access import is_coordinator, visible_to

from ..models import AllowanceRate, AllowanceYear, Assignment, Expert, ReportEvent
from ..models.request import AssignmentStatus, ReportStatus


def assignments_for(*, user: Any) -> QuerySet[Assignment]:
    """Assignments `user` may open: coordinators all, an expert their own."""
    rows = Assignment.objects.select_related("expert__user", "request__work_kind")
    return visible_to(user, rows, person_field="expert__user")


def report_history(*, assignment: Assignment) -> list[ReportEvent]:
    return list(assignment.report_events.select_related("actor").order_by("at", "id"))


@dataclass
class YearTotals:
    year: int
    flat: Decimal = Decimal("0.00")
    km: int = 0
    km_amount: Decimal = Decimal("0.00")
    costs: Decimal = Decimal("0.00")
    hours: Decimal = Decimal("0.00")
    waiting: int = 0
    elsewhere: Decimal = Decimal("0.00")
    yearly_cap: Decimal | None = None
    rows: list = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.flat + self.km_amount + self.costs

    @property
    def cap_left(self) -> Decimal | None:
        if self.yearly_cap is None:
            return None
        return max(self.yearly_cap - self.flat - self.elsewhere, Decimal("0.00"))


def year_totals(*, expert: Expert, year: int) -> YearTotals:
    rows = Assignment.objects.filter(
        expert=expert, status=AssignmentStatus.ACCEPTED, starts_at__year=year
    )
    approved = rows.filter(report_status=ReportStatus.APPROVED).aggregate(
        flat=Sum("flat_amount"),
        km=Sum("km_paid"),
        km_amount=Sum("km_amount"),
        costs=Sum("costs_amount"),
        hours=Sum("hours"),
    )
    totals = YearTotals(year=year)
    for key in ("flat", "km", "km_amount", "costs", "hours"):
        if approved[key] is not None:
            setattr(totals, key, approved[key])
    totals.waiting = rows.filter(report_status=ReportStatus.REPORTED).count()
    expert_year = AllowanceYear.objects.filter(expert=expert, year=year).first()
    if expert_year:
        totals.elsewhere = expert_year.received_elsewhere
    rate = AllowanceRate.objects.filter(year=year).first()
    if rate:
        totals.yearly_cap = rate.yearly_cap
    return totals


def reports_waiting(*, user: Any) -> list[Assignment]:
    rows = visible_to(user, Assignment.objects.all(), everything_for=is_coordinator)
    return list(
        rows.filter(
            report_status__in=[ReportStatus.REPORTED, ReportStatus.RETURNED], expert__isnull=False
        )
        .select_related("expert__user", "request__work_kind")
        .order_by("report_status", "starts_at")[:200]
    )


def year_register(*, expert: Expert, year: int) -> list[Assignment]:
    """Per expert and year: each day with its approved amounts (the legal register)."""
    return list(
        Assignment.objects.filter(
            expert=expert, report_status=ReportStatus.APPROVED, starts_at__year=year
        )
        .select_related("request")
        .order_by("starts_at", "id")
    )


def month_payouts(*, year: int, month: int) -> QuerySet[Assignment]:
    return (
        Assignment.objects.filter(
            report_status=ReportStatus.APPROVED,
            approved_at__year=year,
            approved_at__month=month,
        )
        .select_related("expert__user", "request")
        .order_by("expert__user__display_name", "starts_at", "id")
    )
