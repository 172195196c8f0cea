"""Reads of ervaringsdeskundigen, always for an acting user, each a fixed number of queries.

One module per entity: `requests` (inbox, a request's page, organisations), `experts` (the pool,
an expert's dashboard and feed), `assignments` (assignments and allowance reports), `planning`
(the board), `intervision`; every public name is importable from here.
"""

from .assignments import (
    YearTotals,
    assignments_for,
    month_payouts,
    report_history,
    reports_waiting,
    year_register,
    year_totals,
)
from .experts import expert_dashboard, expert_for_user, experts_for, experts_list, feed_items
from .intervision import intervision_for, intervision_sessions
from .planning import BoardItem, BoardPage, BoardRow, planning_board
from .requests import (
    PAGE_SIZE,
    organisation_requests,
    organisations_for,
    organisations_matching,
    request_for_detail,
    requests_for,
    requests_for_detail,
    requests_inbox,
)

__all__ = [
    "PAGE_SIZE",
    "BoardItem",
    "BoardPage",
    "BoardRow",
    "YearTotals",
    "assignments_for",
    "expert_dashboard",
    "expert_for_user",
    "experts_for",
    "experts_list",
    "feed_items",
    "intervision_for",
    "intervision_sessions",
    "month_payouts",
    "organisation_requests",
    "organisations_for",
    "organisations_matching",
    "planning_board",
    "report_history",
    "reports_waiting",
    "request_for_detail",
    "requests_for",
    "requests_for_detail",
    "requests_inbox",
    "year_register",
    "year_totals",
]


def open_work_of(user) -> list:
    """Expert requests this person handles that are still open: for handover when they leave
    (huis.core.registry.register_open_work)."""
    from huis.core.registry import OpenWork

    from ..models import ExpertRequest
    from ..models.request import OPEN_STATUSES

    requests = ExpertRequest.objects.filter(handler=user, status__in=OPEN_STATUSES).order_by("pk")
    return [OpenWork(label=str(request), url=request.get_absolute_url()) for request in requests]
