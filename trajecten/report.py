"""Trajecten's section of the yearly report: the funders' figures of every programme
(selectors.programme_results, as on the period's last day) added up, and the trajectories that
started in the period."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huis.core.registry import ReportSection, register_report_section
from huis.core.report.figures import Chart, ChartRow, Figure, Period, Section

from .models import Application, Decision, Goal, HousingCheck, Programme, Trajectory
from .models.trajectories import CHECK_MONTHS
from .selectors import programme_results

SCOPE = "report-trajecten"


def results(*, period: Period) -> list:
    today = min(period.end, timezone.localdate())
    return [programme_results(programme=p, today=today) for p in Programme.objects.order_by("pk")]


def build(*, period: Period) -> Section:
    all_results = results(period=period)
    started = Trajectory.objects.filter(
        started_on__gte=period.start, started_on__lte=period.end
    ).count()
    figures = [
        Figure(
            "started_in_period",
            _("Trajectories started"),
            started,
            _("Trajectories that began in the period."),
            people=True,
        ),
        Figure(
            "started",
            _("Trajectories since the start"),
            sum(r.started for r in all_results),
            _("All trajectories of all programmes, as on the last day of the period."),
            people=True,
        ),
        Figure(
            "open",
            _("Trajectories running"),
            sum(r.open for r in all_results),
            _("Trajectories not ended on the last day of the period."),
            people=True,
        ),
        Figure(
            "ended",
            _("Trajectories ended"),
            sum(r.ended_total for r in all_results),
            _("Trajectories ended by the last day of the period, for any reason."),
            people=True,
        ),
    ]
    rows = []
    for months in CHECK_MONTHS:
        checked = sum(r.check(months).checked for r in all_results)
        housed = sum(r.check(months).housed for r in all_results)
        figures += [
            Figure(
                f"checked_{months}",
                _("Housing checked after %(m)s months") % {"m": months},
                checked,
                _(
                    "Trajectories that reached %(m)s months after moving in (or after the "
                    "start) with the housing check recorded."
                )
                % {"m": months},
                people=True,
            ),
            Figure(
                f"housed_{months}",
                _("Still housed after %(m)s months") % {"m": months},
                housed,
                _("Of those checked: the person still lived in their home.") % {"m": months},
                people=True,
            ),
        ]
        rows.append(ChartRow(label=_("After %(m)s months") % {"m": months}, value=housed))
    return Section(
        name="trajecten",
        title=_("Trajectories"),
        figures=figures,
        charts=[Chart(title=_("Still housed"), rows=rows, people=True)],
    )


def register() -> None:
    from huis.core.versioned_cache import watch

    watch(Programme, Application, Decision, Trajectory, HousingCheck, Goal, scopes=[SCOPE])
    register_report_section(
        ReportSection(
            name="trajecten",
            title=gettext_lazy("Trajectories"),
            build=build,
            scopes=(SCOPE,),
            code=("trajecten.report",),
            order=70,
        )
    )
