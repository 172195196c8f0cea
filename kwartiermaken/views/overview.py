"""Overviews per neighbourhood, kind of work and month: server-drawn charts, data tables, CSV.

The totals, charts and tables of one view of the figures are drawn once and kept in the cache
under the figures' version (`figures_cache`, bumped by every recount), the user's scope, the
filters and the language: drawing them costs far more than serving them, and a change of the
figures makes every older drawing unreachable at once.
"""

import csv
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django.views.generic import TemplateView, View

from huis.core.charts import bar_chart
from huis.core.csv import csv_safe
from huis.core.versioned_cache import read_ahead

from .. import figures_cache, selectors
from ..filters import OverviewFilterSet
from ..models import OutreachKind
from .base import PermissionRequiredMixin


@dataclass(frozen=True)
class Drawing:
    overview: selectors.Overview
    totals: SafeString
    charts: SafeString


def _draw(overview: selectors.Overview) -> dict[str, Any]:
    def chart(rows, value="entries"):
        return bar_chart(rows, value=value, stacked=True, max_label=44)

    context = {
        "overview": overview,
        "charts": [
            ("month", overview.by_month, chart(overview.by_month)),
            ("neighbourhood", overview.by_neighbourhood, chart(overview.by_neighbourhood)),
            ("kind", overview.by_kind, chart(overview.by_kind)),
        ],
        "need_chart": chart(overview.by_need),
        "signal_chart": chart(overview.signals_by_category, value="count"),
    }
    return {
        "overview": overview,
        "totals": render_to_string("kwartiermaken/partials/overview_totals.html", context).strip(),
        "charts": render_to_string("kwartiermaken/partials/overview_charts.html", context).strip(),
    }


def _choices_parts(scope: str) -> tuple[Any, ...]:
    return (scope, timezone.localdate().year)


def _outcomes_parts(scope: str, filters: selectors.OverviewFilter) -> tuple[Any, ...]:
    return (scope, filters.year, filters.neighbourhood, filters.kind, filters.organisation)


def _drawing_parts(scope: str, filters: selectors.OverviewFilter) -> tuple[Any, ...]:
    return (get_language(), *_outcomes_parts(scope, filters))


def overview_choices(*, user: Any, scope: str | None = None) -> dict[str, list]:
    """The years with entries and the neighbourhoods to filter by, kept under the figures'
    version; the current year is in the key because the list always starts there. `scope` is
    `selectors.overview_scope(user=user)` when the caller has it already."""
    if scope is None:
        scope = selectors.overview_scope(user=user)
    return figures_cache.CHOICES.get_or_set(
        *_choices_parts(scope),
        compute=lambda: {
            "years": selectors.overview_years(user=user),
            "neighbourhoods": selectors.filter_choices(selectors.active_neighbourhoods()),
        },
    )


def overview_drawing(
    *,
    user: Any,
    filters: selectors.OverviewFilter,
    keep: bool = True,
    scope: str | None = None,
) -> Drawing:
    """The overview with its totals, charts and tables drawn, from the cache when drawn before
    under the figures' current version. `keep=False` draws without keeping the drawing: for
    filters the form does not offer (a hand-made address), so that the number of kept drawings
    stays bounded."""

    def draw() -> dict[str, Any]:
        return _draw(selectors.overview_for(user=user, filters=filters))

    if keep:
        if scope is None:
            scope = selectors.overview_scope(user=user)
        drawn = figures_cache.DRAWING.get_or_set(*_drawing_parts(scope, filters), compute=draw)
    else:
        drawn = draw()
    return Drawing(
        overview=drawn["overview"],
        totals=mark_safe(drawn["totals"]),  # our own templates' output
        charts=mark_safe(drawn["charts"]),
    )


class OverviewFilterMixin:
    def overview_filter(self, years: list[int]) -> selectors.OverviewFilter:
        return OverviewFilterSet(self.request.GET, user=self.request.user, years=years).values


class OverviewView(PermissionRequiredMixin, OverviewFilterMixin, TemplateView):
    permission_required = "kwartiermaken.view_overview"
    template_name = "kwartiermaken/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        # What the user may see of the figures, worked out once: every kept value's key holds it.
        scope = selectors.overview_scope(user=user)
        # The kept values this page shows, read two at a time (each round trip costs): the
        # filters' choices first, then what they choose.
        read_ahead(
            (figures_cache.CHOICES, _choices_parts(scope)),
            *selectors.organisations_for_filter_kept(user=user),
        )
        choices = overview_choices(user=user, scope=scope)
        filters = self.overview_filter(choices["years"])
        organisations = selectors.organisations_for_filter(user=user)
        offered = filters.neighbourhood in {None, *(n.pk for n in choices["neighbourhoods"])} and (
            filters.organisation in {None, *(o.pk for o in organisations)}
        )
        outcomes = _outcomes_parts(scope, filters)
        kept = [(figures_cache.REFERRAL_OUTCOMES, outcomes)]
        if offered:
            drawn = _drawing_parts(scope, filters)
            kept += [(figures_cache.DRAWING, drawn), (figures_cache.FILTER_FORM, drawn)]
        read_ahead(*kept)
        drawing = overview_drawing(user=user, filters=filters, keep=offered, scope=scope)

        def filter_form() -> str:
            # Drawn from the choices read here (kept values themselves): what the form shows is
            # then recorded as read by the form too, and the guard checks its scopes cover it.
            shown = overview_choices(user=user, scope=scope)
            return render_to_string(
                "kwartiermaken/partials/overview_filter.html",
                {
                    "years": shown["years"],
                    "filters": filters,
                    "neighbourhoods": shown["neighbourhoods"],
                    "kinds": OutreachKind.choices,
                    "organisations": selectors.organisations_for_filter(user=user),
                },
            ).strip()

        form = (
            figures_cache.FILTER_FORM.get_or_set(*drawn, compute=filter_form)
            if offered
            else filter_form()
        )
        context.update(
            filters=filters,
            overview=drawing.overview,
            drawing=drawing,
            filter_form=mark_safe(form),  # our own template's output
            export_query=self.request.GET.urlencode(),
            referral_outcomes=figures_cache.REFERRAL_OUTCOMES.get_or_set(
                *outcomes,
                compute=lambda: selectors.overview_referral_outcomes(user=user, filters=filters),
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
