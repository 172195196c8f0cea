"""The volunteers' section of the yearly report equals the house's figures page
(selectors.house_figures) month by month and in total, counts only the days of a shorter period,
and puts a shift late on 31 December in December (Brussels time, not UTC)."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone, translation

from huis.core.registry import report_sections
from huis.core.report.figures import Period
from vrijwilligers import report, selectors, services
from vrijwilligers.models import ShiftHours

from .factories import move_to_past, shift, volunteer

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year - 1


def _worked(coordinator, volunteers, *, day, needed, hour=9, confirmed=True):
    s = shift(coordinator, needed=needed)
    for v in volunteers:
        services.shift_sign_up(shift=s, volunteer=v, actor=v.user)
    s = move_to_past(s, day=day, hour=hour)
    for v in volunteers:
        ShiftHours.objects.create(
            shift=s,
            volunteer=v,
            day=day,
            hours=D("2.5"),
            status=ShiftHours.Status.CONFIRMED if confirmed else ShiftHours.Status.REPORTED,
        )
    return s


@pytest.fixture
def year(coordinator):
    a, b, c = volunteer("An"), volunteer("Bert"), volunteer("Cato")
    _worked(coordinator, [a, b], day=dt.date(YEAR, 3, 10), needed=2)  # filled
    _worked(coordinator, [a], day=dt.date(YEAR, 3, 24), needed=2)  # one missing
    _worked(coordinator, [c], day=dt.date(YEAR, 4, 7), needed=1, confirmed=False)  # filled
    cancelled = shift(coordinator, needed=1)
    services.shift_cancel(shift=cancelled, actor=coordinator, reason="Ziek")
    move_to_past(cancelled, day=dt.date(YEAR, 4, 14))
    # 23:00 in Brussels on 31 December is 22:00 UTC: still December, still this year.
    _worked(coordinator, [b], day=dt.date(YEAR, 12, 31), needed=1, hour=23)
    # Outside the year: not counted.
    _worked(coordinator, [c], day=dt.date(YEAR - 1, 12, 30), needed=1)
    return a, b, c


def test_the_section_equals_the_figures_page_per_month_and_in_total(year):
    months = selectors.house_figures(year=YEAR)
    section = report.build(period=Period.year(YEAR))
    assert section.value("filled") == sum(m.shifts_filled for m in months) == 3
    assert section.value("unfilled") == sum(m.shifts_unfilled for m in months) == 1
    assert section.value("shifts") == 4
    assert section.value("cancelled") == 1
    assert section.value("hours") == sum(m.hours for m in months) == D("10.00")
    assert section.value("volunteers") == 2  # Cato's hours wait for confirmation
    assert section.value("team") == 3
    with translation.override("en"):
        section = report.build(period=Period.year(YEAR))
        charts = {c.title: c for c in section.charts}
    filled = charts["Shifts filled per month"]
    unfilled = charts["Shifts not filled per month"]
    people = charts["Volunteers who worked, per month"]
    assert [r.value for r in filled.rows] == [m.shifts_filled for m in months]
    assert [r.value for r in unfilled.rows] == [m.shifts_unfilled for m in months]
    assert [r.value for r in people.rows] == [m.volunteers for m in months]
    assert people.rows[11].value == 1  # the late shift of 31 December
    for figure in section.figures:
        assert figure.definition and figure.label


def test_a_shorter_period_counts_only_its_days(year):
    section = report.build(period=Period(dt.date(YEAR, 3, 15), dt.date(YEAR, 4, 30)))
    assert section.value("shifts") == 2
    assert section.value("filled") == 1
    assert section.value("unfilled") == 1
    assert section.value("hours") == D("2.50")
    assert section.value("volunteers") == 1
    assert len(section.charts[0].rows) == 2  # March and April


def test_stopped_volunteers_count_only_for_the_time_they_were_in_the_team(coordinator):
    volunteer("Dirk", is_active=False, ended_on=dt.date(YEAR, 2, 1))
    volunteer("Els")
    assert report.build(period=Period.year(YEAR)).value("team") == 2
    assert (
        report.build(period=Period(dt.date(YEAR, 3, 1), dt.date(YEAR, 12, 31))).value("team") == 1
    )


def test_the_section_is_registered_for_the_yearly_report():
    section = next(s for s in report_sections() if s.name == "vrijwilligers")
    assert report.SCOPE in section.scopes and "places" in section.scopes
