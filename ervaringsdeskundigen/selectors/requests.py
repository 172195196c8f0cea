"""Reads of ervaringsdeskundigen, always for an acting user, each a fixed number of queries."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from huis.accounts.access import is_coordinator, is_expert, visible_to
from huis.accounts.models import Organisation
from huis.places.models import PlaceClaim

from . import caching
from .models import (
    AllowanceRate,
    AllowanceYear,
    Assignment,
    Expert,
    ExpertRequest,
    IntervisionSession,
    ReportEvent,
    RequestEvent,
)
from .models.request import MAX_ASSIGNMENT, AssignmentStatus, ReportStatus

PAGE_SIZE = 25


def requests_inbox(
    *, user: Any, status: str = "", after: tuple[dt.datetime, int] | None = None
) -> tuple[list[ExpertRequest], bool]:
    """Coordinators' inbox, newest first, keyset-paginated (no OFFSET, no COUNT)."""
    rows = visible_to(user, ExpertRequest.objects.all(), everything_for=is_coordinator)
    if status:
        rows = rows.filter(status=status)
    if after is not None:
        moment, pk = after
        rows = rows.filter(Q(created_at__lt=moment) | Q(created_at=moment, id__lt=pk))
    rows = rows.select_related("work_kind", "handler").order_by("-created_at", "-id")
    page = list(rows[: PAGE_SIZE + 1])
    return page[:PAGE_SIZE], len(page) > PAGE_SIZE


def requests_for(*, user: Any) -> QuerySet[ExpertRequest]:
    """The requests `user` may open (coordinators: all); pages fetch one from here."""
    return visible_to(user, ExpertRequest.objects.all(), everything_for=is_coordinator)


def experts_for(*, user: Any) -> QuerySet[Expert]:
    """Profiles `user` may open: coordinators all, an expert their own."""
    return visible_to(user, Expert.objects.select_related("user"), person_field="user")


def assignments_for(*, user: Any) -> QuerySet[Assignment]:
    """Assignments `user` may open: coordinators all, an expert their own."""
    rows = Assignment.objects.select_related("expert__user", "request__work_kind")
    return visible_to(user, rows, person_field="expert__user")


def intervision_for(*, user: Any) -> QuerySet[IntervisionSession]:
    """Intervision sessions, for coordinators and experts."""
    rows = IntervisionSession.objects.select_related("offering")
    return visible_to(user, rows, everything_for=is_coordinator | is_expert)


def organisations_for(*, user: Any) -> QuerySet[Organisation]:
    """Organisations whose requests `user` may list (coordinators)."""
    return visible_to(user, Organisation.objects.all(), everything_for=is_coordinator)


def requests_for_detail() -> QuerySet[ExpertRequest]:
    """Requests with what their page shows; the page fetches and authorises from this."""
    assignments = Assignment.objects.select_related("expert__user").order_by("proposed_at")
    return ExpertRequest.objects.select_related(
        "work_kind", "handler", "spoken_language", "place_region", "organisation", "evaluation"
    ).prefetch_related(
        "themes",
        Prefetch("assignments", queryset=assignments),
        Prefetch("events", queryset=_events()),
    )


def request_for_detail(*, request_id: int) -> ExpertRequest | None:
    """A request with everything its page shows, kept in the cache under the versions of the
    pool and the requests (see .caching): a change of anything on the page renews it."""
    return caching.REQUEST.get_or_set(
        request_id, compute=lambda: requests_for_detail().filter(pk=request_id).first()
    )


def organisations_matching(*, user: Any, text: str) -> list[Organisation]:
    """Organisations of the portal whose name contains the text, for linking a request."""
    text = text.strip()
    if not text or not is_coordinator(user):
        return []
    return list(
        Organisation.objects.filter(is_active=True, name__icontains=text[:100]).order_by("name")[
            :10
        ]
    )


def organisation_requests(
    *, user: Any, organisation: Organisation, after: tuple[dt.datetime, int] | None = None
) -> tuple[list[ExpertRequest], bool]:
    """One organisation's requests, newest first, keyset-paginated."""
    rows = visible_to(
        user,
        ExpertRequest.objects.filter(organisation=organisation),
        everything_for=is_coordinator,
    )
    if after is not None:
        moment, pk = after
        rows = rows.filter(Q(created_at__lt=moment) | Q(created_at=moment, id__lt=pk))
    rows = rows.select_related("work_kind", "handler").order_by("-created_at", "-id")
    page = list(rows[: PAGE_SIZE + 1])
    return page[:PAGE_SIZE], len(page) > PAGE_SIZE


def report_history(*, assignment: Assignment) -> list[ReportEvent]:
    return list(assignment.report_events.select_related("actor").order_by("at", "id"))


def _events() -> QuerySet:
    return RequestEvent.objects.select_related("actor").order_by("at", "id")


def experts_list(*, user: Any) -> QuerySet[Expert]:
    rows = visible_to(user, Expert.objects.all(), everything_for=is_coordinator)
    return rows.select_related("user").prefetch_related("themes").order_by("user__display_name")


def expert_for_user(*, user: Any) -> Expert | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Expert.objects.filter(user=user).select_related("user").first()


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


def expert_dashboard(*, expert: Expert) -> dict:
    now = timezone.now()
    base = Assignment.objects.filter(expert=expert).select_related("request__work_kind")
    return {
        "proposals": list(
            base.filter(status=AssignmentStatus.PROPOSED, starts_at__gt=now).order_by("starts_at")
        ),
        "upcoming": list(
            base.filter(status=AssignmentStatus.ACCEPTED, ends_at__gt=now).order_by("starts_at")
        ),
        "to_report": list(
            base.filter(
                status=AssignmentStatus.ACCEPTED,
                starts_at__lte=now,
                report_status__in=[
                    ReportStatus.NONE,
                    ReportStatus.REPORTED,
                    ReportStatus.RETURNED,
                ],
            ).order_by("starts_at")[:20]
        ),
        "totals": year_totals(expert=expert, year=timezone.localdate().year),
    }


def feed_items(*, expert: Expert) -> tuple[list[Assignment], list[IntervisionSession]]:
    since = timezone.now() - dt.timedelta(days=90)
    assignments = list(
        Assignment.objects.filter(
            expert=expert, status=AssignmentStatus.ACCEPTED, ends_at__gte=since
        ).select_related("request__work_kind")
    )
    sessions = list(
        IntervisionSession.objects.filter(
            ends_at__gte=since,
            offering__claims__user=expert.user,
            offering__claims__status=PlaceClaim.Status.CONFIRMED,
        ).distinct()
    )
    return assignments, sessions


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


@dataclass
class BoardItem:
    """One assignment in a cell of the board, as plain values (a month holds hundreds)."""

    pk: int
    request_id: int
    organisation_name: str
    status: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    time: str  # local start, "HH:MM"
    clash: bool = False


@dataclass
class BoardRow:
    expert_id: int
    name: str
    max_per_month: int
    cells: list[list[BoardItem]]
    load: int = 0
    overloaded: bool = False


@dataclass
class BoardPage:
    rows: list[BoardRow]
    page: int
    pages: int


def planning_board(*, start: dt.date, days: int, page: int = 1, per_page: int = 40) -> BoardPage:
    """All accepted and proposed assignments of the period, one row per expert who has one,
    by name, a page of experts at a time. Clashes (two assignments that overlap) and overloads
    (more in a month than the expert's maximum, in any month the period touches) are marked
    for the experts of the page; the template says it in words too.

    Two queries: the period's assignments as plain values (a month of the whole pool is a few
    hundred tuples, not model instances), and the monthly loads of the page's experts."""
    tz = timezone.get_current_timezone()
    begin = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    finish = begin + dt.timedelta(days=days)
    assignments = (
        Assignment.objects.filter(
            status__in=[AssignmentStatus.ACCEPTED, AssignmentStatus.PROPOSED],
            expert__isnull=False,
            starts_at__lt=finish,
            starts_at__gt=begin - MAX_ASSIGNMENT,
            ends_at__gt=begin,
        )
        .order_by("expert__user__display_name", "starts_at")
        .values_list(
            "pk",
            "expert_id",
            "status",
            "starts_at",
            "ends_at",
            "request_id",
            "request__organisation_name",
            "expert__user__display_name",
            "expert__user__email",
            "expert__max_per_month",
        )
    )
    experts: dict[int, list] = {}  # in order of name, as the query gives them
    for row in assignments:
        experts.setdefault(row[1], []).append(row)
    pages = max(-(-len(experts) // per_page), 1)
    page = min(max(page, 1), pages)
    shown = list(experts.items())[(page - 1) * per_page : page * per_page]
    if not shown:
        return BoardPage(rows=[], page=page, pages=pages)
    # This month's load of the page's experts, for each month the period touches.
    month_begin = dt.datetime.combine(start.replace(day=1), dt.time.min, tzinfo=tz)
    loads: dict[int, int] = {}
    for expert_id, n in (
        Assignment.objects.filter(
            expert_id__in=[expert_id for expert_id, _ in shown],
            status=AssignmentStatus.ACCEPTED,
            starts_at__gte=month_begin,
            starts_at__lt=finish + dt.timedelta(days=31),
        )
        .annotate(month=TruncMonth("starts_at"))
        .filter(month__lt=finish)
        .values("expert_id", "month")
        .annotate(n=Count("id"))
        .values_list("expert_id", "n")
    ):
        loads[expert_id] = max(loads.get(expert_id, 0), n)
    rows = []
    for expert_id, items in shown:
        first = items[0]
        board_row = BoardRow(
            expert_id=expert_id,
            name=first[7] or first[8],  # as the account names itself
            max_per_month=first[9],
            cells=[[] for _ in range(days)],
            load=loads.get(expert_id, 0),
        )
        board_row.overloaded = board_row.load > board_row.max_per_month
        placed = []
        for pk, _expert, status, starts_at, ends_at, request_id, organisation, *_ in items:
            local = starts_at.astimezone(tz)
            item = BoardItem(
                pk=pk,
                request_id=request_id,
                organisation_name=organisation,
                status=status,
                starts_at=starts_at,
                ends_at=ends_at,
                time=f"{local:%H:%M}",
            )
            index = (local.date() - start).days
            if 0 <= index < days:
                board_row.cells[index].append(item)
                placed.append(item)
        for i, one in enumerate(placed):
            for other in placed[i + 1 :]:
                if one.starts_at < other.ends_at and other.starts_at < one.ends_at:
                    one.clash = other.clash = True
        rows.append(board_row)
    return BoardPage(rows=rows, page=page, pages=pages)


def intervision_sessions(*, user: Any, past: bool = False) -> list[IntervisionSession]:
    now = timezone.now()
    rows = IntervisionSession.objects.select_related("offering")
    rows = (
        rows.filter(ends_at__lt=now).order_by("-starts_at")
        if past
        else rows.filter(ends_at__gte=now).order_by("starts_at")
    )
    sessions = list(rows[:50])
    own = {}
    if getattr(user, "is_authenticated", False):
        own = {
            c.offering_id: c
            for c in PlaceClaim.objects.filter(
                user=user,
                offering_id__in=[s.offering_id for s in sessions],
                status__in=["confirmed", "waiting", "offered"],
            )
        }
    for session in sessions:
        session.own_claim = own.get(session.offering_id)
    return sessions
