"""Overviews per neighbourhood, kind of work and month: server-drawn charts, data tables, CSV."""

import csv

from django.http import HttpResponse
from django.utils.translation import gettext
from django.views.generic import TemplateView, View

from huis.core.charts import bar_chart
from huis.core.csv import csv_safe

from .. import selectors
from ..models import OutreachKind
from .base import PermissionRequiredMixin, int_or_none


class OverviewFilterMixin:
    def overview_filter(self, years: list[int]) -> selectors.OverviewFilter:
        get = self.request.GET
        raw_year = get.get("jaar", "")
        if raw_year == "alle":
            year = None
        elif raw_year.isdigit() and int(raw_year) in years:
            year = int(raw_year)
        else:
            year = years[0] if years else None
        kind = get.get("soort", "")
        organisation = None
        if self.request.user.has_perm("kwartiermaken.see_all_organisations"):
            organisation = int_or_none(get.get("organisatie"))
        return selectors.OverviewFilter(
            year=year,
            neighbourhood=int_or_none(get.get("wijk")),
            kind=kind if kind in OutreachKind.values else "",
            organisation=organisation,
        )


class OverviewView(PermissionRequiredMixin, OverviewFilterMixin, TemplateView):
    permission_required = "kwartiermaken.view_overview"
    template_name = "kwartiermaken/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        years = selectors.overview_years(user=user)
        filters = self.overview_filter(years)
        overview = selectors.overview_for(user=user, filters=filters)
        context.update(
            years=years,
            filters=filters,
            overview=overview,
            neighbourhoods=list(selectors.active_neighbourhoods()),
            kinds=OutreachKind.choices,
            organisations=selectors.organisations_for_filter(user=user),
            export_query=self.request.GET.urlencode(),
            charts=[
                (
                    "month",
                    overview.by_month,
                    bar_chart(overview.by_month, value="entries", stacked=True, max_label=44),
                ),
                (
                    "neighbourhood",
                    overview.by_neighbourhood,
                    bar_chart(
                        overview.by_neighbourhood, value="entries", stacked=True, max_label=44
                    ),
                ),
                (
                    "kind",
                    overview.by_kind,
                    bar_chart(overview.by_kind, value="entries", stacked=True, max_label=44),
                ),
            ],
            need_chart=bar_chart(overview.by_need, value="entries", stacked=True, max_label=44),
            signal_chart=bar_chart(
                overview.signals_by_category, value="count", stacked=True, max_label=44
            ),
        )
        return context


class OverviewExportView(PermissionRequiredMixin, OverviewFilterMixin, View):
    permission_required = "kwartiermaken.view_overview"

    def get(self, request, *args, **kwargs):
        years = selectors.overview_years(user=request.user)
        filters = self.overview_filter(years)
        rows = selectors.overview_export_rows(user=request.user, filters=filters)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        name = f"buurtwerk-overzicht-{filters.year or 'alle'}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        # The byte order mark lets spreadsheet programs read accents (é, ë) correctly.
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                gettext("Month"),
                gettext("Organisation"),
                gettext("Neighbourhood"),
                gettext("Kind of work"),
                gettext("Entries"),
                gettext("People reached"),
                gettext("Referrals made"),
                gettext("Follow-ups open"),
            ]
        )
        for row in rows:
            writer.writerow(
                [
                    row["month"],
                    csv_safe(row["organisation"]),
                    csv_safe(row["neighbourhood"]),
                    csv_safe(row["kind"]),
                    row["entries"],
                    row["people"],
                    row["referrals"],
                    row["follow_ups_open"],
                ]
            )
        return response
