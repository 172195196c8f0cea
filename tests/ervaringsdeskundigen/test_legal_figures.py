"""The legal figures as data (checked against published sources, see migration 0004): the higher
yearly cap and the kinds of work it is for, and the km rate per quarter. At their edges."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ervaringsdeskundigen import services
from ervaringsdeskundigen.models import AllowanceRate, KmRate, WorkKind

from .factories import AssignmentFactory, ExpertFactory, ExpertRequestFactory, work_kind

pytestmark = pytest.mark.django_db

D = Decimal
DAILY_2026 = D("44.02")
YEARLY_2026 = D("1760.83")
HIGHER_2026 = D("3233.91")


def _reported(expert, when, *, km=0, kind=None):
    request = ExpertRequestFactory(status="confirmed", starts_at=when)
    if kind is not None:
        request.work_kind = kind
        request.save()
    return AssignmentFactory(
        expert=expert, request=request, report_status="reported", hours=D("2"), km=km
    )


def _day(year, month, day):
    return timezone.make_aware(dt.datetime(year, month, day, 10))


def test_the_migration_holds_the_figures_found_in_sources():
    assert AllowanceRate.objects.get(year=2026).higher_yearly_cap == HIGHER_2026
    # Not found in any source searched: empty, never guessed.
    assert AllowanceRate.objects.get(year=2025).higher_yearly_cap is None
    quarters = {
        r.valid_from: r.rate for r in KmRate.objects.filter(valid_from__year__in=[2025, 2026])
    }
    assert quarters == {
        dt.date(2025, 1, 1): D("0.4290"),
        dt.date(2025, 4, 1): D("0.4320"),
        dt.date(2025, 7, 1): D("0.4309"),
        dt.date(2025, 10, 1): D("0.4312"),
        dt.date(2026, 1, 1): D("0.4326"),
    }
    # The house's own kinds of work are not among the law's few; day and night sitting is.
    assert not WorkKind.objects.filter(higher_cap=True).exclude(slug="oppas").exists()
    assert WorkKind.objects.get(slug="oppas").higher_cap


@pytest.mark.parametrize(
    ("elsewhere", "paid", "capped"),
    [
        (YEARLY_2026, DAILY_2026, False),  # over the normal cap, far under the higher one
        (HIGHER_2026 - DAILY_2026, DAILY_2026, False),  # exactly one day left
        (HIGHER_2026 - DAILY_2026 + D("0.01"), DAILY_2026 - D("0.01"), True),  # a cent short
        (HIGHER_2026, D("0.00"), True),
    ],
)
def test_the_higher_yearly_cap_at_its_edges(elsewhere, paid, capped):
    expert = ExpertFactory()
    services.allowance_year_update(
        expert=expert, year=2026, actor=expert.user, received_elsewhere=elsewhere
    )
    quote = services.allowance_quote(
        assignment=_reported(expert, _day(2026, 2, 3), kind=work_kind("oppas", higher_cap=True))
    )
    assert quote.yearly_cap == HIGHER_2026
    assert quote.higher_cap
    assert (quote.flat_amount, quote.capped) == (paid, capped)


def test_other_kinds_of_work_keep_the_normal_cap():
    expert = ExpertFactory()
    services.allowance_year_update(
        expert=expert, year=2026, actor=expert.user, received_elsewhere=YEARLY_2026
    )
    quote = services.allowance_quote(assignment=_reported(expert, _day(2026, 2, 3)))
    assert quote.yearly_cap == YEARLY_2026
    assert quote.flat_amount == D("0.00")


def test_no_higher_cap_for_an_expert_with_a_social_benefit():
    expert = ExpertFactory(receives_benefit=True, fund_permission_since=dt.date(2025, 1, 1))
    services.allowance_year_update(
        expert=expert, year=2026, actor=expert.user, received_elsewhere=YEARLY_2026
    )
    quote = services.allowance_quote(
        assignment=_reported(expert, _day(2026, 2, 3), kind=work_kind("oppas", higher_cap=True))
    )
    assert quote.yearly_cap == YEARLY_2026
    assert quote.flat_amount == D("0.00")


def test_an_unknown_higher_cap_uses_the_normal_one_and_says_so(as_role, coordinator):
    expert = ExpertFactory()
    services.allowance_year_update(
        expert=expert, year=2025, actor=expert.user, received_elsewhere=D("1692.51")
    )
    assignment = _reported(expert, _day(2025, 5, 6), kind=work_kind("oppas", higher_cap=True))
    quote = services.allowance_quote(assignment=assignment)
    assert quote.higher_cap_unknown
    assert quote.yearly_cap == D("1692.51")
    assert quote.flat_amount == D("0.00")
    assert any("not known" in w for w in quote.warnings)
    page = as_role("coordinator").get(reverse("ervaringsdeskundigen:approve", args=[assignment.pk]))
    assert "1692.51" in page.text or "1692,51" in page.text


@pytest.mark.parametrize(
    ("day", "rate"),
    [
        ((2025, 3, 31), "0.4290"),  # last day of a quarter
        ((2025, 4, 1), "0.4320"),  # first day of the next
        ((2025, 9, 30), "0.4309"),
        ((2025, 10, 1), "0.4312"),
        ((2026, 1, 1), "0.4326"),
    ],
)
def test_travel_is_paid_at_the_rate_of_the_assignments_quarter(day, rate):
    expert = ExpertFactory()
    quote = services.allowance_quote(assignment=_reported(expert, _day(*day), km=100))
    assert quote.km_rate == D(rate)
    assert quote.km_amount == (100 * D(rate)).quantize(D("0.01"))


def test_a_quarter_without_a_known_km_rate_is_refused_in_words():
    KmRate.objects.filter(valid_from__gte=dt.date(2026, 4, 1)).delete()
    expert = ExpertFactory()
    with pytest.raises(services.ExpertsError, match="km rate for 5 May 2026 is not known"):
        services.allowance_quote(assignment=_reported(expert, _day(2026, 5, 5), km=20))
    # Without travel, the flat rate can still be approved.
    quote = services.allowance_quote(assignment=_reported(expert, _day(2026, 5, 6)))
    assert quote.flat_amount == DAILY_2026
