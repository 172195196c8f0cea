"""The coordinators' planning board: every expert's assignments by week or month, a page of
experts at a time, drawn once and kept in the cache until something on it changes."""

import calendar
import datetime as dt

from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views import View

from .. import caching, selectors
from .base import CoordinatorMixin

BOARD_ROWS = 40


def _board_period(request) -> tuple[str, dt.date, int]:
    view = "maand" if request.GET.get("weergave") == "maand" else "week"
    try:
        day = dt.date.fromisoformat(request.GET.get("van", ""))
    except ValueError:
        day = timezone.localdate()
    if view == "maand":
        start = day.replace(day=1)
        return view, start, calendar.monthrange(start.year, start.month)[1]
    return view, day - dt.timedelta(days=day.weekday()), 7


class BoardView(CoordinatorMixin, View):
    def get(self, request):
        view, start, days = _board_period(request)
        # Rows per expert, a page at a time: a month of hundreds of experts is read in pages.
        try:
            page = max(int(request.GET.get("pagina", "1")), 1)
        except ValueError:
            page = 1
        day_list = [start + dt.timedelta(days=i) for i in range(days)]

        # The rows as written, kept under the versions of the pool and the requests (see
        # ..caching): the next view after any change of an assignment, expert or request
        # draws them anew.
        def draw() -> tuple[str, str, int, int]:
            board = selectors.planning_board(start=start, days=days, page=page, per_page=BOARD_ROWS)
            table_rows = render_to_string(
                "ervaringsdeskundigen/coordinator/_board_rows.html",
                {"rows": board.rows, "days": day_list},
            )
            # The days' names, each written out for a month (a hundred dates to format): kept
            # with the rows. The number of days tells a week (7) from a month (28 to 31).
            table_head = render_to_string(
                "ervaringsdeskundigen/coordinator/_board_head.html",
                {"days": day_list, "view": view},
            )
            return table_head, table_rows, board.page, board.pages

        table_head, table_rows, page, pages = caching.BOARD.get_or_set(
            start.isoformat(), days, page, BOARD_ROWS, get_language(), compute=draw
        )
        query = request.GET.copy()
        page_urls = {}
        for name, number in (("previous_page", page - 1), ("next_page", page + 1)):
            if 1 <= number <= pages:
                query["pagina"] = number
                page_urls[name] = "?" + query.urlencode()
        step = dt.timedelta(days=days if view == "week" else 1)
        previous = (
            (start - dt.timedelta(days=1)).replace(day=1) if view == "maand" else start - step
        )
        following = start + dt.timedelta(days=days)
        return render(
            request,
            "ervaringsdeskundigen/coordinator/board.html",
            {
                "table_head": mark_safe(table_head),  # our own templates' output
                "table_rows": mark_safe(table_rows),
                "view": view,
                "start": start,
                "end": start + dt.timedelta(days=days - 1),
                "days": day_list,
                "previous": previous.isoformat(),
                "following": following.isoformat(),
                "page": page,
                "pages": pages,
                **page_urls,
            },
        )
