"""Vrijwilligers' section of the yearly report (huis.core.report): the volunteers in the team,
the shifts of the period (filled or not) and the confirmed hours, per month as on the house's
figures page (selectors.house_figures) for any period. Volunteers are not counted among the
house's participants (no people keys): they give their time, they are not its visitors."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huis.core.registry import ReportSection, register_report_section
from huis.core.report.figures import Chart, ChartRow, Figure, Period, Section

from .models import Shift, ShiftHours, Volunteer

SCOPE = "report-vrijwilligers"


def _months(period: Period) -> list[dt.date]:
    months, month = [], dt.date(period.start.year, period.start.month, 1)
    while month <= period.end:
        months.append(month)
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def _bounds(period: Period) -> tuple[dt.datetime, dt.datetime]:
    begin = timezone.make_aware(dt.datetime.combine(period.start, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(period.until, dt.time.min))
    return begin, end


def build(*, period: Period) -> Section:
    begin, end = _bounds(period)
    shifts = Shift.objects.filter(starts_at__gte=begin, starts_at__lt=end).order_by()
    counts = shifts.aggregate(
        held=Count("pk", filter=Q(status=Shift.Status.PLANNED)),
        filled=Count("pk", filter=Q(status=Shift.Status.PLANNED, offering__taken__gte=F("needed"))),
        cancelled=Count("pk", filter=Q(status=Shift.Status.CANCELLED)),
    )
    worked = ShiftHours.objects.filter(
        day__gte=period.start, day__lte=period.end, status=ShiftHours.Status.CONFIRMED
    ).order_by()
    totals = worked.aggregate(people=Count("volunteer", distinct=True), hours=Sum("hours"))
    team = (
        Volunteer.objects.filter(started_on__lte=period.end)
        .filter(Q(ended_on__gte=period.start) | Q(ended_on__isnull=True, is_active=True))
        .count()
    )
    months = _months(period)
    per_month = {m: {"filled": 0, "unfilled": 0, "hours": Decimal(0), "people": 0} for m in months}
    for row in (
        shifts.filter(status=Shift.Status.PLANNED)
        .annotate(m=TruncMonth("starts_at"))
        .values("m")
        .annotate(total=Count("pk"), filled=Count("pk", filter=Q(offering__taken__gte=F("needed"))))
    ):
        month = per_month[timezone.localtime(row["m"]).date()]
        month["filled"], month["unfilled"] = row["filled"], row["total"] - row["filled"]
    for row in (
        worked.annotate(m=TruncMonth("day"))
        .values("m")
        .annotate(people=Count("volunteer", distinct=True), hours=Sum("hours"))
    ):
        month = per_month[row["m"]]
        month["hours"], month["people"] = row["hours"] or Decimal(0), row["people"]

    def label(month: dt.date) -> str:
        return formats.date_format(month, "YEAR_MONTH_FORMAT")

    def chart(title: str, key: str, *, people: bool = False) -> Chart:
        rows = [ChartRow(label=label(m), value=round(per_month[m][key])) for m in months]
        return Chart(title=title, rows=rows, people=people)

    hours = totals["hours"] or Decimal(0)
    figures = [
        Figure(
            "team",
            _("Volunteers in the team"),
            team,
            _(
                "Volunteers with a profile during the period: started before its end and not "
                "stopped before its start."
            ),
            people=True,
        ),
        Figure(
            "volunteers",
            _("Volunteers who worked"),
            totals["people"],
            _(
                "Different volunteers with confirmed hours on a day of the period, each "
                "counted once."
            ),
            people=True,
        ),
        Figure(
            "shifts",
            _("Shifts planned"),
            counts["held"],
            _(
                "Shifts that start in the period and were not cancelled (while the period is "
                "not over, also the shifts still to come)."
            ),
        ),
        Figure(
            "filled",
            _("Shifts filled"),
            counts["filled"],
            _("Of those shifts: the ones with as many volunteers as they needed."),
        ),
        Figure(
            "unfilled",
            _("Shifts not filled"),
            counts["held"] - counts["filled"],
            _("Of those shifts: the ones where at least one volunteer was missing."),
        ),
        Figure(
            "cancelled",
            _("Shifts cancelled"),
            counts["cancelled"],
            _("Shifts that start in the period and were cancelled."),
        ),
        Figure(
            "hours",
            _("Volunteer hours confirmed"),
            hours,
            _(
                "Hours volunteers reported for a day of the period and a coordinator "
                "confirmed; hours still waiting for confirmation are not counted."
            ),
            unit=_("hours"),
        ),
    ]
    return Section(
        name="vrijwilligers",
        title=_("Volunteers"),
        figures=figures,
        charts=[
            chart(_("Shifts filled per month"), "filled"),
            chart(_("Shifts not filled per month"), "unfilled"),
            chart(_("Volunteers who worked, per month"), "people", people=True),
            chart(_("Confirmed volunteer hours per month (rounded)"), "hours"),
        ],
    )


def register() -> None:
    from huis.core.versioned_cache import watch

    watch(Shift, ShiftHours, Volunteer, scopes=[SCOPE])
    register_report_section(
        ReportSection(
            name="vrijwilligers",
            title=gettext_lazy("Volunteers"),
            build=build,
            scopes=("places", SCOPE),
            code=("vrijwilligers.report",),
            order=35,
        )
    )
