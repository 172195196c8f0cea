"""Beeldvorming's section of the yearly report: the same reach as the reach page
(selectors.reach_for), for any period."""

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huis.core.registry import ReportSection, register_report_section
from huis.core.report.figures import Chart, ChartRow, Figure, Period, Section

from .models import Audience, CampaignAction, Testimony

SCOPE = "report-beeldvorming"


def build(*, period: Period) -> Section:
    actions = CampaignAction.objects.filter(date__gte=period.start, date__lte=period.end)
    totals = actions.aggregate(
        n=Count("pk"), people=Sum("people_reached"), campaigns=Count("campaign", distinct=True)
    )
    audiences = dict(Audience.choices)
    by_audience = [
        ChartRow(label=str(audiences.get(row["audience"], row["audience"])), value=row["p"] or 0)
        for row in actions.values("audience")
        .annotate(p=Sum("people_reached"))
        .order_by("-p", "audience")
    ]
    by_campaign = [
        ChartRow(label=row["campaign__name"], value=row["p"] or 0)
        for row in actions.values("campaign", "campaign__name")
        .annotate(p=Sum("people_reached"))
        .order_by("-p", "campaign__name")[:12]
    ]
    testimonies = Testimony.objects.filter(
        status=Testimony.Status.PUBLISHED,
        created_at__date__gte=period.start,
        created_at__date__lte=period.end,
    ).count()
    return Section(
        name="beeldvorming",
        title=_("Positive image building"),
        figures=[
            Figure(
                "campaigns",
                _("Campaigns with actions"),
                totals["campaigns"],
                _("Campaigns with at least one action dated in the period."),
            ),
            Figure(
                "actions",
                _("Actions"),
                totals["n"],
                _("Talks, stands, workshops and other campaign actions dated in the period."),
            ),
            Figure(
                "reach",
                _("People reached"),
                totals["people"] or 0,
                _(
                    "The number of people each action reached, as estimated by who led it, "
                    "added up (a person at two actions counts twice)."
                ),
                people=True,
            ),
            Figure(
                "testimonies",
                _("Testimonies published"),
                testimonies,
                _("Testimonies sent in during the period and published with consent."),
            ),
        ],
        charts=[
            Chart(title=_("People reached per audience"), rows=by_audience, people=True),
            Chart(title=_("People reached per campaign"), rows=by_campaign, people=True),
        ],
    )


def register() -> None:
    from huis.core.versioned_cache import watch

    from .models import Campaign

    watch(CampaignAction, Campaign, Testimony, scopes=[SCOPE])
    register_report_section(
        ReportSection(
            name="beeldvorming",
            title=gettext_lazy("Positive image building"),
            build=build,
            scopes=(SCOPE,),
            code=("beeldvorming.report",),
            order=40,
        )
    )
