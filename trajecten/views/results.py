"""The programme's results, computed from the trajectories: charts, tables, a CSV for the funder."""

import csv

from django.http import HttpResponse
from django.utils.translation import gettext
from django.views.generic import TemplateView, View

from huis.core.charts import bar_chart
from huis.core.csv import csv_safe

from .. import selectors
from ..models import Programme
from .base import PermissionRequiredMixin


class ResultsMixin(PermissionRequiredMixin):
    permission_required = "trajecten.view_results"

    def chosen_programme(self) -> tuple[list[Programme], Programme | None]:
        programmes = list(Programme.objects.order_by("name"))
        slug = self.request.GET.get("programma", "")
        chosen = next((p for p in programmes if p.slug == slug), None)
        return programmes, chosen or (programmes[0] if programmes else None)


class _Bar:
    def __init__(self, label, value):
        self.label = label
        self.value = value


class ResultsView(ResultsMixin, TemplateView):
    template_name = "trajecten/results.html"

    def get_context_data(self, **kwargs):
        programmes, programme = self.chosen_programme()
        results = selectors.programme_results(programme=programme) if programme else None
        charts = {}
        if results:
            charts = {
                "housed": bar_chart(
                    [_Bar(c.label, c.share or 0) for c in results.checks],
                    value="value",
                    stacked=True,
                    max_label=44,
                ),
                "goals": bar_chart(
                    [_Bar(d.label, d.share or 0) for d in results.domains],
                    value="value",
                    stacked=True,
                    max_label=44,
                ),
            }
        return super().get_context_data(
            programmes=programmes,
            programme=programme,
            results=results,
            charts=charts,
            **kwargs,
        )


def _percent(value: int | None) -> str:
    return "" if value is None else str(value)


class ResultsExportView(ResultsMixin, View):
    def get(self, request, *args, **kwargs):
        _programmes, programme = self.chosen_programme()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        slug = programme.slug if programme else "geen"
        response["Content-Disposition"] = f'attachment; filename="resultaten-{slug}.csv"'
        # The byte order mark lets spreadsheet programs read accents (é, ë) correctly.
        response.write("\ufeff")
        writer = csv.writer(response, delimiter=";")
        writer.writerow(
            [
                gettext("Programme"),
                gettext("Measure"),
                gettext("Count"),
                gettext("Out of"),
                gettext("Percentage"),
            ]
        )
        if programme is None:
            return response
        results = selectors.programme_results(programme=programme)
        name = csv_safe(programme.name)
        writer.writerow([name, gettext("Applications submitted"), results.submitted, "", ""])
        for row in results.decisions:
            writer.writerow(
                [name, csv_safe(gettext("Decision: %s") % row.label), row.count, "", ""]
            )
        writer.writerow([name, gettext("Trajectories started"), results.started, "", ""])
        writer.writerow([name, gettext("Trajectories still running"), results.open, "", ""])
        for row in results.ended:
            writer.writerow([name, csv_safe(gettext("Ended: %s") % row.label), row.count, "", ""])
        for check in results.checks:
            writer.writerow(
                [
                    name,
                    csv_safe(
                        gettext("Still housed after %(months)s months") % {"months": check.months}
                    ),
                    check.housed,
                    check.checked,
                    _percent(check.share),
                ]
            )
            writer.writerow(
                [
                    name,
                    csv_safe(
                        gettext("Check after %(months)s months not recorded yet")
                        % {"months": check.months}
                    ),
                    check.missing,
                    check.due,
                    "",
                ]
            )
        for domain in results.domains:
            writer.writerow(
                [
                    name,
                    csv_safe(gettext("Goals reached: %s") % domain.label),
                    domain.reached,
                    domain.goals - domain.dropped,
                    _percent(domain.share),
                ]
            )
        return response
