"""The entry list's, the signal list's and the overview's filters (django-filter): the same
addresses as before, each parameter read once, and a hand-made or hostile value left out, never an
error page."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from kwartiermaken.filters import EntryFilter, EntryFilterSet, OverviewFilterSet, SignalFilter
from kwartiermaken.selectors.overview import OverviewFilter

from .factories import OutreachEntryFactory, SignalFactory

pytestmark = pytest.mark.django_db

HOSTILE = [
    "abc",
    "-1",
    "0",
    "3.5",
    "99999999999999999999",
    "<script>alert(1)</script>",
    "1; DROP TABLE x",
    "é" * 300,
]
# A control character or a value over 2,000 characters never reaches a filter: the portal's input
# guard answers 400 first (tests/trust/test_input_guard.py). What is under it must be left out.
LONG = "x" * 1500


@pytest.fixture
def three_entries(partner_a, organisation_a, neighbourhood, other_neighbourhood):
    today = timezone.localdate()
    visit = OutreachEntryFactory(
        organisation=organisation_a,
        created_by=partner_a,
        neighbourhood=neighbourhood,
        kind="home_visit",
        contact_codes=["BR-17"],
        follow_up_on=today + dt.timedelta(days=2),
    )
    street = OutreachEntryFactory(
        organisation=organisation_a,
        neighbourhood=other_neighbourhood,
        kind="street",
        referred_to="OCMW Zeestad",
    )
    done = OutreachEntryFactory(
        organisation=organisation_a,
        neighbourhood=neighbourhood,
        kind="street",
        follow_up_on=today,
        follow_up_done_at=timezone.now(),
    )
    return visit, street, done


def _listed(client, **params):
    response = client.get(reverse("kwartiermaken:entry_list"), params)
    assert response.status_code == 200
    return set(response.context["page"].entries), response.context["filters"]


def test_each_filter_of_the_entry_list_narrows_it_and_the_form_shows_it(
    client, partner_a, neighbourhood, other_neighbourhood, three_entries
):
    visit, street, done = three_entries
    client.force_login(partner_a)
    assert _listed(client)[0] == {visit, street, done}
    listed, shown = _listed(client, wijk=other_neighbourhood.pk)
    assert listed == {street}
    assert shown == EntryFilter(neighbourhood=other_neighbourhood.pk)
    assert _listed(client, soort="street")[0] == {street, done}
    assert _listed(client, opvolging="open")[0] == {visit}
    assert _listed(client, zoek="br-17")[0] == {visit}  # a contact code, any case
    assert _listed(client, zoek="ocmw")[0] == {street}  # a word of the referral
    listed, shown = _listed(client, wijk=neighbourhood.pk, soort="street", zoek="  ")
    assert listed == {done}
    assert shown == EntryFilter(neighbourhood=neighbourhood.pk, kind="street")


def test_the_export_uses_the_same_filters_as_the_list(client, partner_a, three_entries):
    client.force_login(partner_a)
    export = client.get(reverse("kwartiermaken:entry_export"), {"opvolging": "open"})
    lines = b"".join(export.streaming_content).decode().strip().splitlines()
    assert len(lines) == 2  # the header and the one entry with an open follow-up


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_filter_value_is_left_out_not_an_error(client, partner_a, three_entries, value):
    client.force_login(partner_a)
    params = {"wijk": value, "soort": value, "opvolging": value, "organisatie": value}
    listed, shown = _listed(client, **params)
    assert listed == set(three_entries)
    assert shown == EntryFilter()
    overview = client.get(reverse("kwartiermaken:overview"), {**params, "jaar": value})
    assert overview.status_code == 200
    assert overview.context["filters"] == OverviewFilter(year=timezone.localdate().year)
    export = client.get(reverse("kwartiermaken:overview_export"), {**params, "jaar": value})
    assert export.status_code == 200


def test_a_search_with_a_null_character_is_guarded_and_a_long_one_cut(
    client, partner_a, three_entries
):
    client.force_login(partner_a)
    guarded = client.get(reverse("kwartiermaken:entry_list"), {"zoek": "BR\x00-17"})
    assert guarded.status_code == 400  # the input guard, before any filter
    listed, shown = _listed(client, zoek=LONG)
    assert listed == set()
    assert shown.query == "x" * 100


def test_only_a_coordinator_has_the_organisation_filter(rf, partner_a, coordinator):
    data = {"organisatie": "7"}
    assert EntryFilterSet(data, user=partner_a).values.organisation is None
    assert EntryFilterSet(data, user=coordinator).values.organisation == 7
    assert "organisatie" not in EntryFilterSet(data, user=partner_a).form.fields


def test_the_overview_year_is_one_with_entries_all_years_or_the_newest(partner_a):
    years = [2026, 2025]

    def year(**data):
        return OverviewFilterSet(data, user=partner_a, years=years).values.year

    assert year() == 2026
    assert year(jaar="2025") == 2025
    assert year(jaar="alle") is None
    assert year(jaar="1999") == 2026  # a year without entries: the newest
    assert OverviewFilterSet({}, user=partner_a, years=[]).values == OverviewFilter()


@pytest.fixture
def three_signals(partner_a, organisation_a, neighbourhood, other_neighbourhood):
    today = timezone.localdate()
    waiting = SignalFactory(
        organisation=organisation_a,
        created_by=partner_a,
        neighbourhood=neighbourhood,
        category="waiting",
        service="OCMW Zeestad",
        observed_on=today,
    )
    paperwork = SignalFactory(
        organisation=organisation_a,
        neighbourhood=other_neighbourhood,
        category="paperwork",
        service="Huurpremie",
        description="Het formulier is alleen online.",
        observed_on=today - dt.timedelta(days=1),
    )
    cost = SignalFactory(
        organisation=organisation_a,
        neighbourhood=neighbourhood,
        category="cost",
        service="Tandarts",
        description="Te duur.",
        observed_on=today - dt.timedelta(days=2),
    )
    return waiting, paperwork, cost


def _signals(client, **params):
    response = client.get(reverse("kwartiermaken:signal_list"), params)
    assert response.status_code == 200
    return response.context["signals"], response.context["filters"]


def test_each_filter_of_the_signal_list_narrows_it_and_the_form_shows_it(
    client, partner_a, neighbourhood, other_neighbourhood, three_signals
):
    waiting, paperwork, cost = three_signals
    client.force_login(partner_a)
    assert _signals(client) == ([waiting, paperwork, cost], SignalFilter())
    listed, shown = _signals(client, categorie="paperwork")
    assert (listed, shown) == ([paperwork], SignalFilter(category="paperwork"))
    listed, shown = _signals(client, wijk=neighbourhood.pk)
    assert (listed, shown) == ([waiting, cost], SignalFilter(neighbourhood=neighbourhood.pk))
    assert _signals(client, zoek="ocmw")[0] == [waiting]  # the service, any case
    assert _signals(client, zoek="ONLINE")[0] == [paperwork]  # a word of the description
    listed, shown = _signals(client, wijk=neighbourhood.pk, categorie="cost", zoek="  ")
    assert listed == [cost]
    assert shown == SignalFilter(category="cost", neighbourhood=neighbourhood.pk)
    page = client.get(reverse("kwartiermaken:signal_list"), {"categorie": "cost"}).text
    assert '<option value="cost" selected>' in page


def test_the_signal_list_pages_with_its_filters(client, partner_a, neighbourhood, three_signals):
    waiting, _paperwork, cost = three_signals
    client.force_login(partner_a)
    first = client.get(reverse("kwartiermaken:signal_list"), {"wijk": neighbourhood.pk})
    assert first.context["filter_query"] == f"wijk={neighbourhood.pk}"
    after = client.get(
        reverse("kwartiermaken:signal_list"),
        {"wijk": neighbourhood.pk, "na": f"{waiting.observed_on.isoformat()}_{waiting.pk}"},
    )
    assert after.context["signals"] == [cost]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_hostile_signal_filter_value_is_left_out_not_an_error(
    client, partner_a, three_signals, value
):
    client.force_login(partner_a)
    listed, shown = _signals(client, categorie=value, wijk=value, na=value)
    assert listed == list(three_signals)
    assert shown == SignalFilter()
    listed, shown = _signals(client, zoek=LONG)
    assert listed == []
    assert shown.query == "x" * 100
