"""The volunteer allowance at its edges: daily cap, yearly cap with what was received elsewhere,
2,000 km, never flat rate and real costs in one year, and a warning before any cap is crossed."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ervaringsdeskundigen import services
from ervaringsdeskundigen.models import AllowanceRate, AllowanceYear
from ervaringsdeskundigen.services.errors import NeedsConfirmation

from .factories import KM, AssignmentFactory, ExpertFactory, ExpertRequestFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("allowance_rates")]

D = Decimal
DAILY = D("44.02")
YEARLY = D("1760.83")


def _at(month: int, day: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(2026, month, day, hour))


def _reported(expert, when, *, km=0, costs=None, kind=None):
    request = ExpertRequestFactory(status="confirmed", starts_at=when)
    if kind is not None:
        request.work_kind = kind
        request.save()
    return AssignmentFactory(
        expert=expert,
        request=request,
        report_status="reported",
        hours=D("2"),
        km=km,
        costs=costs or D("0"),
    )


def _approve(assignment, coordinator, confirm=False):
    return services.assignment_approve(assignment=assignment, actor=coordinator, confirm=confirm)


def test_the_legal_figures_are_data_from_the_migration():
    rate_2025 = AllowanceRate.objects.get(year=2025)
    rate_2026 = AllowanceRate.objects.get(year=2026)
    assert (rate_2025.daily_cap, rate_2025.yearly_cap) == (D("42.31"), D("1692.51"))
    assert (rate_2026.daily_cap, rate_2026.yearly_cap) == (DAILY, YEARLY)
    assert rate_2026.km_yearly_max == 2000


def test_a_normal_day_pays_the_daily_amount(coordinator):
    expert = ExpertFactory()
    assignment = _approve(_reported(expert, _at(3, 2)), coordinator)
    assert assignment.flat_amount == DAILY
    assert not assignment.capped


def test_two_assignments_on_one_day_stay_within_the_daily_cap(coordinator):
    expert = ExpertFactory()
    _approve(_reported(expert, _at(3, 2, 9)), coordinator)
    second = _reported(expert, _at(3, 2, 15))
    with pytest.raises(NeedsConfirmation, match="daily cap"):
        _approve(second, coordinator)
    second.refresh_from_db()
    assert second.report_status == "reported"  # nothing paid without confirmation
    second = _approve(second, coordinator, confirm=True)
    assert second.flat_amount == D("0.00")
    assert second.capped


@pytest.mark.parametrize(
    ("elsewhere", "paid", "capped"),
    [
        (YEARLY - DAILY - DAILY, DAILY, False),  # plenty left: no warning needed after
        (YEARLY - DAILY, DAILY, False),  # exactly one day left: pays it, up to the cap
        (YEARLY - DAILY + D("0.01"), DAILY - D("0.01"), True),  # one cent short
        (YEARLY, D("0.00"), True),  # cap reached elsewhere
        (YEARLY + D("100"), D("0.00"), True),
    ],
)
def test_yearly_cap_counts_what_was_received_elsewhere(coordinator, elsewhere, paid, capped):
    expert = ExpertFactory()
    services.allowance_year_update(
        expert=expert, year=2026, actor=expert.user, received_elsewhere=elsewhere
    )
    assignment = _reported(expert, _at(6, 1))
    quote = services.allowance_quote(assignment=assignment)
    assert quote.flat_amount == paid
    assert quote.capped is capped
    assert quote.year_total_after <= max(YEARLY, elsewhere)
    assignment = _approve(assignment, coordinator, confirm=True)
    assert assignment.flat_amount == paid


def test_a_warning_before_the_yearly_cap_is_reached(coordinator):
    expert = ExpertFactory()
    services.allowance_year_update(
        expert=expert, year=2026, actor=expert.user, received_elsewhere=YEARLY - DAILY - D("10")
    )
    quote = services.allowance_quote(assignment=_reported(expert, _at(6, 1)))
    assert not quote.capped
    assert quote.left_after == D("10.00")
    assert any("only EUR 10.00 is left" in w for w in quote.warnings)


@pytest.mark.parametrize(
    ("km_before", "km", "paid"),
    [(1900, 100, 100), (1900, 101, 100), (2000, 10, 0), (0, 0, 0)],
)
def test_travel_at_most_2000_km_a_year(coordinator, km_before, km, paid):
    expert = ExpertFactory()
    services.allowance_year_update(
        expert=expert, year=2026, actor=expert.user, km_elsewhere=km_before
    )
    quote = services.allowance_quote(assignment=_reported(expert, _at(4, 1), km=km))
    assert quote.km_paid == paid
    assert quote.km_amount == (D(paid) * KM).quantize(D("0.01"))
    assert quote.capped is (paid < km)


def test_flat_rate_and_real_costs_are_never_mixed_in_one_year(coordinator):
    expert = ExpertFactory()
    quote = services.allowance_quote(assignment=_reported(expert, _at(5, 5), costs=D("12.50")))
    assert quote.costs_amount == D("0.00")
    assert any("cannot be refunded as well" in w for w in quote.warnings)
    _approve(_reported(expert, _at(5, 6)), coordinator)
    with pytest.raises(services.ExpertsError, match="never mixed"):
        services.allowance_year_update(expert=expert, year=2026, actor=coordinator, mode="real")
    assert AllowanceYear.objects.get(expert=expert, year=2026).mode == "flat"


def test_real_costs_year_pays_costs_and_no_flat_rate(coordinator):
    expert = ExpertFactory()
    services.allowance_year_update(expert=expert, year=2026, actor=coordinator, mode="real")
    assignment = _approve(_reported(expert, _at(5, 5), km=30, costs=D("12.50")), coordinator)
    assert assignment.flat_amount == D("0.00")
    assert assignment.costs_amount == D("12.50")
    assert assignment.km_amount == D("12.98")  # 30 × 0.4326 = 12.978


def test_a_year_without_rates_is_refused_in_words(coordinator):
    expert = ExpertFactory()
    assignment = _reported(expert, timezone.make_aware(dt.datetime(2031, 1, 5, 10)))
    with pytest.raises(services.ExpertsError, match="no allowance rates for 2031"):
        services.allowance_quote(assignment=assignment)


def test_register_and_monthly_payout_csv(as_role, coordinator):
    expert = ExpertFactory(user__display_name="=Evi")
    assignment = _approve(_reported(expert, _at(3, 2)), coordinator)
    client = as_role("coordinator")
    page = client.get(reverse("ervaringsdeskundigen:register", args=[expert.pk, 2026]))
    assert "44,02" in page.text or "44.02" in page.text
    csv_response = client.get(
        reverse("ervaringsdeskundigen:register", args=[expert.pk, 2026]) + "?formaat=csv"
    )
    body = csv_response.content.decode("utf-8-sig")
    assert "02/03/2026" in body or "2/03/2026" in body or "02-03-2026" in body
    approved = timezone.localtime(assignment.approved_at)
    payouts = client.get(
        reverse("ervaringsdeskundigen:payouts_csv", args=[approved.year, approved.month])
    ).content.decode("utf-8-sig")
    assert "'=Evi" in payouts  # formula-safe
    assert "44.02" in payouts


def test_approve_page_shows_the_warning_and_refuses_without_the_tick(as_role, coordinator):
    expert = ExpertFactory()
    _approve(_reported(expert, _at(3, 2, 9)), coordinator)
    second = _reported(expert, _at(3, 2, 15))
    client = as_role("coordinator")
    url = reverse("ervaringsdeskundigen:approve", args=[second.pk])
    assert "dagmaximum" in client.get(url).text  # the daily cap warning, in Dutch
    response = client.post(url, {})
    assert response.status_code == 409
    second.refresh_from_db()
    assert second.report_status == "reported"
    assert client.post(url, {"confirm": "on"}).status_code == 302
    second.refresh_from_db()
    assert second.report_status == "approved"


def test_the_expert_reports_after_the_assignment(client, expert_profile, coordinator):
    request = ExpertRequestFactory(
        status="confirmed", starts_at=timezone.now() - dt.timedelta(hours=3)
    )
    assignment = AssignmentFactory(expert=expert_profile, request=request)
    client.force_login(expert_profile.user)
    url = reverse("ervaringsdeskundigen:report", args=[assignment.pk])
    bad = client.post(url, {"hours": "-1", "km": "0", "costs": "0"})
    assert bad.status_code == 400
    ok = client.post(url, {"hours": "2.5", "km": "24", "costs": "0", "debrief": "Goed gegaan."})
    assert ok.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.hours, assignment.km, assignment.report_status) == (
        D("2.5"),
        24,
        "reported",
    )
    assert assignment.debrief == "Goed gegaan."
