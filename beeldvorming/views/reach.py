"""The reach overview for staff: charts drawn on the server, the same numbers in tables, CSV."""

import csv

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.views.generic import TemplateView, View

from huis.core.csv import csv_safe

from ..charts import bar_chart
from ..selectors import reach_export_rows, reach_for, reach_years
from .base import PermissionRequiredMixin


class YearMixin:
    def chosen_year(self, years: list[int]) -> int | None:
        raw = self.request.GET.get("jaar", "")
        if raw == "alle":
            return None
        if raw.isdigit() and int(raw) in years:
            return int(raw)
        today = timezone.localdate()
        return today.year if today.year in years else (years[0] if years else None)


class ReachView(PermissionRequiredMixin, YearMixin, TemplateView):
    permission_required = "beeldvorming.view_reach"
    template_name = "beeldvorming/reach.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        years = reach_years(user=self.request.user)
        year = self.chosen_year(years)
        reach = reach_for(user=self.request.user, year=year)
        context.update(
            years=years,
            year=year,
            reach=reach,
            charts=[
                ("campaign", reach.by_campaign, bar_chart(reach.by_campaign)),
                ("audience", reach.by_audience, bar_chart(reach.by_audience)),
                ("month", reach.by_month, bar_chart(reach.by_month)),
            ],
        )
        return context


class ReachExportView(PermissionRequiredMixin, YearMixin, View):
    permission_required = "beeldvorming.view_reach"

    def get(self, request, *args, **kwargs):
        years = reach_years(user=request.user)
        year = self.chosen_year(years)
        rows = reach_export_rows(user=request.user, year=year)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"bereik-{year or 'alle'}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        # The byte order mark lets spreadsheet programs read accents (é, ë) correctly.
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                _gettext("Month"),
                _gettext("Campaign"),
                _gettext("Audience"),
                _gettext("People reached"),
                _gettext("Actions"),
            ]
        )
        for row in rows:
            writer.writerow(
                [
                    csv_safe(row["month"]),
                    csv_safe(row["campaign"]),
                    csv_safe(row["audience"]),
                    row["people"],
                    row["actions"],
                ]
            )
        return response
