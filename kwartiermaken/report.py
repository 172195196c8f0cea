"""Kwartiermaken's section of the yearly report: the network's monthly figures (the same rows
the overview page adds up, kwartiermaken.figures) for the months of a period, and the policy
recommendations with their follow-up."""

import datetime as dt

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huis.core.registry import ReportSection, register_report_section
from huis.core.report.figures import Chart, ChartRow, Figure, Period, Section

from .figures_cache import FIGURES
from .models import OutreachKind, OutreachMonth, PolicyRecommendation, SignalMonth

SCOPE = "report-kwartiermaken"


def _months(model, period: Period):
    # The figures are per month: a period counts the months it starts and ends in.
    return model.objects.filter(
        organisation__isnull=True,
        month__gte=dt.date(period.start.year, period.start.month, 1),
        month__lte=period.end,
    ).order_by()


def build(*, period: Period) -> Section:
    outreach = _months(OutreachMonth, period)
    totals = outreach.aggregate(
        entries=Sum("entries"), people=Sum("people"), referrals=Sum("referrals")
    )
    kinds = dict(OutreachKind.choices)
    by_kind = [
        ChartRow(label=str(kinds.get(row["kind"], row["kind"])), value=row["n"] or 0)
        for row in outreach.values("kind").annotate(n=Sum("entries")).order_by("-n", "kind")
    ]
    signals = _months(SignalMonth, period).aggregate(n=Sum("signals"))["n"] or 0
    sent = PolicyRecommendation.objects.filter(sent_on__gte=period.start, sent_on__lte=period.end)
    statuses = dict(sent.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    status = PolicyRecommendation.Status
    return Section(
        name="kwartiermaken",
        title=_("Making room in the neighbourhood"),
        figures=[
            Figure(
                "entries",
                _("Outreach entries"),
                totals["entries"] or 0,
                _(
                    "Home visits, street presence, network meetings and neighbourhood "
                    "activities logged by the network, in the months of the period."
                ),
            ),
            Figure(
                "people",
                _("People reached by outreach"),
                totals["people"] or 0,
                _("The number of people each entry reached, added up."),
                people=True,
            ),
            Figure(
                "referrals",
                _("Referrals from outreach"),
                totals["referrals"] or 0,
                _("Outreach entries that ended in a referral to a service."),
            ),
            Figure(
                "signals",
                _("Signals of thresholds and gaps"),
                signals,
                _("Thresholds and gaps in services that people ran into, as recorded."),
            ),
            Figure(
                "recommendations_sent",
                _("Policy recommendations sent"),
                sum(statuses.values()),
                _("Recommendations sent in the period to local services or policy makers."),
            ),
            Figure(
                "recommendations_answered",
                _("Of those: answered or acted on"),
                sum(statuses.get(s, 0) for s in (status.ANSWERED, status.IMPLEMENTED)),
                _("Their status today: answered, or implemented."),
            ),
            Figure(
                "recommendations_implemented",
                _("Of those: implemented"),
                statuses.get(status.IMPLEMENTED, 0),
                _("Their status today: implemented."),
            ),
        ],
        charts=[Chart(title=_("Outreach entries per kind"), rows=by_kind)],
    )


def register() -> None:
    from huis.core.versioned_cache import watch

    watch(PolicyRecommendation, scopes=[SCOPE])
    register_report_section(
        ReportSection(
            name="kwartiermaken",
            title=gettext_lazy("Making room in the neighbourhood"),
            build=build,
            scopes=(FIGURES, SCOPE),
            code=("kwartiermaken.report",),
            order=50,
        )
    )
