"""Netwerk's section of the yearly report: warm referrals and their outcome, guidance
agreements, welcoming places."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huis.core.registry import ReportSection, register_report_section
from huis.core.report.figures import Chart, ChartRow, Figure, Period, Section

from .models import GuidanceAgreement, Referral, WelcomingPlace
from .selectors.chain import REFERRALS_SCOPE as SCOPE


def build(*, period: Period) -> Section:
    referrals = Referral.objects.filter(
        created_at__date__gte=period.start, created_at__date__lte=period.end
    )
    status = Referral.Status
    counts = referrals.aggregate(
        n=Count("pk"),
        accepted=Count("pk", filter=~Q(status__in=[status.SENT, status.DECLINED])),
        closed=Count("pk", filter=Q(status=status.CLOSED)),
        declined=Count("pk", filter=Q(status=status.DECLINED)),
        open=Count("pk", filter=Q(status__in=Referral.OPEN_STATUSES)),
        people=Count("person", distinct=True),
    )
    labels = dict(status.choices)
    by_status = [
        ChartRow(label=str(labels.get(row["status"], row["status"])), value=row["n"])
        for row in referrals.values("status").annotate(n=Count("pk")).order_by("-n", "status")
    ]
    agreements = GuidanceAgreement.objects.filter(
        starts_on__gte=period.start, starts_on__lte=period.end
    ).count()
    places = WelcomingPlace.objects.filter(created_at__date__lte=period.end).count()
    return Section(
        name="netwerk",
        title=_("Network"),
        figures=[
            Figure(
                "referrals",
                _("Warm referrals"),
                counts["n"],
                _("Referrals sent in the period, with the person's consent."),
            ),
            Figure(
                "referred_people",
                _("Different people referred"),
                counts["people"],
                _("People with at least one referral sent in the period, each counted once."),
                people=True,
            ),
            Figure(
                "accepted",
                _("Referrals accepted"),
                counts["accepted"],
                _("Of those referrals: accepted by the receiving partner (status today)."),
            ),
            Figure(
                "closed",
                _("Referrals closed after follow-up"),
                counts["closed"],
                _("Of those referrals: followed up and closed (status today)."),
            ),
            Figure(
                "declined",
                _("Referrals declined"),
                counts["declined"],
                _("Of those referrals: declined by the receiving partner (status today)."),
            ),
            Figure(
                "open",
                _("Referrals still open"),
                counts["open"],
                _("Of those referrals: sent, accepted or in progress today."),
            ),
            Figure(
                "agreements",
                _("Guidance agreements started"),
                agreements,
                _("Guidance agreements between a person and a partner that began in the period."),
            ),
            Figure(
                "welcoming_places",
                _("Welcoming places"),
                places,
                _("Clubs, associations and businesses in the list at the end of the period."),
            ),
        ],
        charts=[Chart(title=_("Referrals by status today"), rows=by_status)],
    )


def register() -> None:
    from huis.core.versioned_cache import watch

    watch(Referral, GuidanceAgreement, WelcomingPlace, scopes=[SCOPE])
    register_report_section(
        ReportSection(
            name="netwerk",
            title=gettext_lazy("Network"),
            build=build,
            scopes=(SCOPE,),
            code=("netwerk.report",),
            order=60,
        )
    )
