"""The coordinators' page of the yearly report, its build button and its downloads."""

import datetime as dt

from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from huis.accounts.mixins import PermissionRequiredMixin
from huis.audit.services import log_action

from .build import mark_queued, progress, ready_report, report_html, report_pdf_bytes
from .figures import Period
from .present import present

FIRST_YEAR = 2015


def period_from(params) -> tuple[Period, str]:
    """The period asked for in the address: a year (`jaar`), or `van`/`tot` dates inside it.
    A bad value falls back to the whole year, with a message (never an error page)."""
    this_year = timezone.localdate().year
    try:
        year = int(params.get("jaar", this_year))
    except (TypeError, ValueError):
        year = this_year
    year = min(max(year, FIRST_YEAR), this_year)
    period = Period.year(year)
    start, end = params.get("van", ""), params.get("tot", "")
    if not (start or end):
        return period, ""
    try:
        first = dt.date.fromisoformat(start) if start else period.start
        last = dt.date.fromisoformat(end) if end else period.end
    except ValueError:
        return period, _("That is not a date we understand. This is the whole year.")
    if first > last:
        return period, _("The period ends before it starts. This is the whole year.")
    if (last - first).days > 366:
        return period, _("A period is at most one year. This is the whole year.")
    return Period(first, last), ""


def _query(period: Period) -> str:
    if period.is_year:
        return urlencode({"jaar": period.start.year})
    return urlencode(
        {"jaar": period.start.year, "van": period.start.isoformat(), "tot": period.end.isoformat()}
    )


class ReportView(PermissionRequiredMixin, TemplateView):
    template_name = "core/report/page.html"
    permission_required = "core.view_report"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period, error = period_from(self.request.GET)
        query = _query(period)

        def render(report) -> str:
            shown = present(report, suppress=False)
            return render_to_string("core/report/_body.html", {"report": shown, "query": query})

        html = report_html(period=period, render=render)
        state = None if html else progress(period=period)
        context.update(
            period=period,
            period_error=error,
            year=period.start.year,
            years=list(range(timezone.localdate().year, FIRST_YEAR - 1, -1)),
            query=query,
            # Drawn by our own template from figures (report_html), as the page would draw it.
            report_html=mark_safe(html) if html else "",
            building=state is not None,
            progress=state,
        )
        return context


class ReportBuildView(PermissionRequiredMixin, View):
    """Ask for the report to be made in the background (once, however often it is pressed)."""

    permission_required = "core.view_report"
    http_method_names = ["post"]

    def post(self, request):
        from huis.core.tasks import build_report_task

        period, _error = period_from(request.GET)
        if ready_report(period=period) is None and mark_queued(period=period):
            args = (period.start.isoformat(), period.end.isoformat(), get_language())
            transaction.on_commit(lambda: build_report_task.delay(*args))
        return redirect(reverse("core:report") + "?" + _query(period))


KINDS = {
    "pdf": ("application/pdf", "pdf"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "csv": ("text/csv; charset=utf-8", "csv"),
}


class ReportDownloadView(PermissionRequiredMixin, View):
    """The report as PDF, XLSX or CSV: only once it is made (else back to the page)."""

    permission_required = "core.view_report"
    http_method_names = ["get"]

    def get(self, request, kind: str):
        from . import exports

        if kind not in KINDS:
            raise Http404
        period, _error = period_from(request.GET)
        report = ready_report(period=period)
        if report is None:
            return redirect(reverse("core:report") + "?" + _query(period))
        if kind == "pdf":
            content: bytes | str = report_pdf_bytes(report=report)
        elif kind == "xlsx":
            content = exports.workbook(report)
        else:
            content = "\ufeff" + exports.csv_text(report)  # Excel reads UTF-8 with the mark
        log_action(
            actor=request.user,
            action="core.report_downloaded",
            data={"kind": kind, "period": period.key()},
            request=request,
        )
        content_type, extension = KINDS[kind]
        response = HttpResponse(content, content_type=content_type)
        name = f"jaarverslag-{period.key()}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
