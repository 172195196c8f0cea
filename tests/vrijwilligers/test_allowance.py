"""One allowance register for a person's every role: what someone was paid as an expert by
experience counts against the caps of their volunteer hours, and the other way round. Tested at
the boundaries of the daily cap, the yearly cap (to the cent) and the 2,000 km, with the same
refusal-unless-confirmed as for experts."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone, translation

from ervaringsdeskundigen import services as experts
from ervaringsdeskundigen.models import AllowanceYear
from ervaringsdeskundigen.services.errors import NeedsConfirmation
from huis.core.allowance import person_totals
from tests.ervaringsdeskundigen.factories import (
    AssignmentFactory,
    ExpertFactory,
    ExpertRequestFactory,
    rates,
)
from vrijwilligers import services
from vrijwilligers.models import ShiftHours

from .factories import move_to_past, shift, volunteer

pytestmark = pytest.mark.django_db

DAILY = D("44.02")
YEARLY = D("1760.83")
DAY = dt.date(2026, 11, 10)


@pytest.fixture(autouse=True)
def _rates_in_english():
    rates()
    with translation.override("en"):
        yield


@pytest.fixture
def person(coordinator):
    """One person who is both a volunteer and an expert by experience."""
    v = volunteer("Lotte")
    expert = ExpertFactory(user=v.user)
    return v, expert


def _expert_paid(expert, *, flat: D, day: dt.date, km: int = 0):
    """An approved assignment that paid `flat` (as if approved earlier)."""
    when = timezone.make_aware(dt.datetime.combine(day, dt.time(14)))
    request = ExpertRequestFactory(status="confirmed", starts_at=when)
    return AssignmentFactory(
        expert=expert,
        request=request,
        report_status="approved",
        hours=D("2"),
        km=km,
        km_paid=km,
        flat_amount=flat,
    )


def _hours(v, coordinator, *, day: dt.date = DAY, km: int = 0) -> ShiftHours:
    s = shift(coordinator, needed=3)
    services.shift_sign_up(shift=s, volunteer=v, actor=v.user)
    s = move_to_past(s, day=day)
    return services.hours_report(shift=s, volunteer=v, hours=D("3"), km=km, actor=v.user)


def test_exactly_at_the_yearly_cap_is_paid_in_full(person, coordinator):
    v, expert = person
    _expert_paid(expert, flat=YEARLY - DAILY, day=DAY - dt.timedelta(days=20))
    entry = services.hours_confirm(entry=_hours(v, coordinator), actor=coordinator)
    assert entry.flat_amount == DAILY and not entry.capped
    totals = person_totals(user_id=v.user_id, day=DAY)
    assert totals.year_used == YEARLY


def test_one_cent_over_the_yearly_cap_is_lowered_and_needs_confirmation(person, coordinator):
    v, expert = person
    _expert_paid(expert, flat=YEARLY - DAILY + D("0.01"), day=DAY - dt.timedelta(days=20))
    entry = _hours(v, coordinator)
    with pytest.raises(services.NeedsConfirmation, match="yearly cap"):
        services.hours_confirm(entry=entry, actor=coordinator)
    entry.refresh_from_db()
    assert entry.status == "reported"
    entry = services.hours_confirm(entry=entry, actor=coordinator, confirm=True)
    assert entry.flat_amount == DAILY - D("0.01") and entry.capped
    assert person_totals(user_id=v.user_id, day=DAY).year_used == YEARLY


def test_expert_work_the_same_day_leaves_nothing_under_the_daily_cap(person, coordinator):
    v, expert = person
    _expert_paid(expert, flat=DAILY, day=DAY)
    quote = services.hours_quote(entry=_hours(v, coordinator))
    assert quote.flat_amount == D("0.00") and quote.capped
    assert any("daily cap" in w for w in quote.warnings)
    # Another day is free again.
    other = services.hours_quote(entry=_hours(v, coordinator, day=DAY + dt.timedelta(days=1)))
    assert other.flat_amount == DAILY and not other.capped


def test_volunteer_hours_count_in_the_experts_approval(person, coordinator):
    v, expert = person
    services.hours_confirm(entry=_hours(v, coordinator), actor=coordinator)
    when = timezone.make_aware(dt.datetime.combine(DAY, dt.time(15)))
    assignment = AssignmentFactory(
        expert=expert,
        request=ExpertRequestFactory(status="confirmed", starts_at=when),
        report_status="reported",
        hours=D("2"),
        km=0,
        costs=D("0"),
    )
    quote = experts.allowance_quote(assignment=assignment)
    assert quote.paid_today == DAILY
    assert quote.flat_amount == D("0.00") and quote.capped
    with pytest.raises(NeedsConfirmation):
        experts.assignment_approve(assignment=assignment, actor=coordinator)


def test_the_km_cap_counts_both_roles(person, coordinator):
    v, expert = person
    _expert_paid(expert, flat=D("0"), day=DAY - dt.timedelta(days=30), km=1990)
    quote = services.hours_quote(entry=_hours(v, coordinator, km=20))
    assert quote.km_paid == 10 and quote.capped
    at_the_edge = services.hours_quote(
        entry=_hours(v, coordinator, km=10, day=DAY + dt.timedelta(days=2))
    )
    assert at_the_edge.km_paid == 10 and not at_the_edge.capped


def test_what_was_received_elsewhere_counts_for_the_volunteer_too(person, coordinator):
    v, expert = person
    AllowanceYear.objects.create(expert=expert, year=2026, received_elsewhere=YEARLY - D("10.00"))
    quote = services.hours_quote(entry=_hours(v, coordinator))
    assert quote.flat_amount == D("10.00") and quote.capped


def test_a_volunteer_only_person_has_their_own_total(coordinator):
    v = volunteer("Bo")
    entry = services.hours_confirm(entry=_hours(v, coordinator), actor=coordinator)
    assert entry.flat_amount == DAILY
    assert person_totals(user_id=v.user_id, day=DAY).flat_day == DAILY


def test_a_volunteer_without_the_allowance_gets_hours_only(coordinator):
    v = volunteer("Cas", gets_allowance=False)
    entry = services.hours_confirm(entry=_hours(v, coordinator), actor=coordinator)
    assert entry.flat_amount == D("0") and entry.status == "confirmed"
