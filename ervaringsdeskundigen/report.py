"""The experts by experience's section of the yearly report: requests by kind of organisation,
assignments, approved hours and the experts who did them (each once)."""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huis.accounts.models import Organisation
from huis.core.registry import ReportSection, register_report_section
from huis.core.report.figures import Chart, ChartRow, Figure, Period, Section

from .caching import POOL, REQUESTS
from .models import Assignment, ExpertRequest
from .models.request import AssignmentStatus, ReportStatus, RequestStatus

DONE = (RequestStatus.CONFIRMED, RequestStatus.DONE, RequestStatus.EVALUATED)


def requests_in(period: Period):
    return ExpertRequest.objects.filter(
        created_at__date__gte=period.start, created_at__date__lte=period.end
    )


def assignments_in(period: Period):
    return Assignment.objects.filter(
        status=AssignmentStatus.ACCEPTED,
        starts_at__date__gte=period.start,
        starts_at__date__lte=period.end,
    )


def build(*, period: Period) -> Section:
    requests = requests_in(period)
    counts = requests.aggregate(
        n=Count("pk"),
        done=Count("pk", filter=Q(status__in=DONE)),
        declined=Count(
            "pk", filter=Q(status__in=[RequestStatus.DECLINED, RequestStatus.CANCELLED])
        ),
    )
    sectors = dict(Organisation.Sector.choices)
    unknown = _("Not linked to an organisation in the portal")
    by_sector = [
        ChartRow(
            label=str(sectors.get(row["organisation__sector"], unknown))
            if row["organisation__sector"]
            else unknown,
            value=row["n"],
        )
        for row in requests.values("organisation__sector")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__sector")
    ]
    by_work = [
        ChartRow(label=row["work_kind__name"], value=row["n"])
        for row in requests.values("work_kind__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "work_kind__name")
    ]
    assignments = assignments_in(period)
    done = assignments.aggregate(
        n=Count("pk"),
        experts=Count("expert", distinct=True),
        hours=Sum("hours", filter=Q(report_status=ReportStatus.APPROVED)),
    )
    return Section(
        name="ervaringsdeskundigen",
        title=_("Experts by experience"),
        figures=[
            Figure(
                "requests",
                _("Requests received"),
                counts["n"],
                _("Requests for an expert by experience that came in during the period."),
            ),
            Figure(
                "requests_done",
                _("Requests confirmed or done"),
                counts["done"],
                _("Of those requests: confirmed, done or evaluated (status today)."),
            ),
            Figure(
                "requests_declined",
                _("Requests declined or cancelled"),
                counts["declined"],
                _("Of those requests: declined by the house or cancelled (status today)."),
            ),
            Figure(
                "assignments",
                _("Assignments"),
                done["n"],
                _("Accepted assignments of an expert that started in the period."),
            ),
            Figure(
                "experts",
                _("Different experts at work"),
                done["experts"],
                _("Experts with at least one of those assignments, each counted once."),
                people=True,
            ),
            Figure(
                "hours",
                _("Hours of work (approved)"),
                done["hours"] or Decimal(0),
                _("Hours the experts reported for those assignments, approved by a coordinator."),
                unit=_("hours"),
            ),
        ],
        charts=[
            Chart(title=_("Requests by kind of organisation"), rows=by_sector),
            Chart(title=_("Requests by kind of work"), rows=by_work),
        ],
    )


def register() -> None:
    register_report_section(
        ReportSection(
            name="ervaringsdeskundigen",
            title=gettext_lazy("Experts by experience"),
            build=build,
            scopes=(POOL, REQUESTS),
            code=("ervaringsdeskundigen.report",),
            order=30,
        )
    )
