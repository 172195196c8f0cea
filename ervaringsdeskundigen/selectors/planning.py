"""The planning board: every accepted and proposed assignment of a period, one row per expert,
with clashes and overloads marked."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from ..models import Assignment
from ..models.request import MAX_ASSIGNMENT, AssignmentStatus


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
