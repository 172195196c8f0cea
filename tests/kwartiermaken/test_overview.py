"""Overviews per neighbourhood, kind and month: the totals, the charts with their tables, the CSV,
and partners who see only their own organisation's figures."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from kwartiermaken.selectors.overview import OverviewFilter, overview_for

from .factories import NeedFactory, OutreachEntryFactory, SignalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_work(organisation_a, organisation_b, neighbourhood, other_neighbourhood):
    housing, debt = NeedFactory(name="Wonen"), NeedFactory(name="Schulden")
    a = organisation_a
    OutreachEntryFactory(
        organisation=a,
        neighbourhood=neighbourhood,
        date=dt.date(2026, 3, 4),
        people_reached=2,
        referrals=1,
        needs=[housing, debt],
        follow_up_on=dt.date(2026, 3, 10),
    )
    OutreachEntryFactory(
        organisation=a,
        neighbourhood=neighbourhood,
        date=dt.date(2026, 3, 20),
        kind="street",
        people_reached=12,
        needs=[housing],
    )
    OutreachEntryFactory(
        organisation=a,
        neighbourhood=other_neighbourhood,
        date=dt.date(2026, 5, 2),
        people_reached=1,
        follow_up_on=dt.date(2026, 5, 9),
        follow_up_done_at=dt.datetime(2026, 5, 9, 10, tzinfo=dt.UTC),
    )
    # Another year, and another organisation: not in partner A's 2026 figures.
    OutreachEntryFactory(organisation=a, neighbourhood=neighbourhood, date=dt.date(2025, 12, 30))
    OutreachEntryFactory(
        organisation=organisation_b,
        neighbourhood=neighbourhood,
        date=dt.date(2026, 3, 5),
        people_reached=40,
        needs=[debt],
    )
    SignalFactory(organisation=a, neighbourhood=neighbourhood, observed_on=dt.date(2026, 3, 4))
    SignalFactory(
        organisation=a,
        neighbourhood=neighbourhood,
        observed_on=dt.date(2026, 6, 1),
        category="gap",
        times_seen=3,
    )
    SignalFactory(organisation=organisation_b, neighbourhood=neighbourhood)


def test_partner_totals_per_neighbourhood_kind_month_and_need(partner_a, known_work):
    overview = overview_for(user=partner_a, filters=OverviewFilter(year=2026))
    assert (
        overview.total_entries,
        overview.total_people,
        overview.total_referrals,
        overview.total_follow_ups_open,
        overview.total_signals,
    ) == (3, 15, 1, 1, 2)
    assert [
        (r.label, r.entries, r.people, r.follow_ups_open) for r in overview.by_neighbourhood
    ] == [
        ("Stationswijk", 2, 14, 1),
        ("Visserswijk", 1, 1, 0),
    ]
    assert [(r.label, r.entries, r.people) for r in overview.by_kind] == [
        ("Home visit", 2, 3),
        ("Presence in the street", 1, 12),
    ]
    assert [(r.entries, r.people) for r in overview.by_month] == [(2, 14), (1, 1)]
    assert [(r.label, r.entries) for r in overview.by_need] == [("Wonen", 2), ("Schulden", 1)]
    assert [(r.count, r.seen) for r in overview.signals_by_category] == [(1, 3), (1, 1)]


def test_a_coordinator_sees_all_organisations_and_can_narrow_to_one(
    coordinator, organisation_b, known_work
):
    everything = overview_for(user=coordinator, filters=OverviewFilter(year=2026))
    assert (everything.total_entries, everything.total_people) == (4, 55)
    only_b = overview_for(
        user=coordinator, filters=OverviewFilter(year=2026, organisation=organisation_b.pk)
    )
    assert (only_b.total_entries, only_b.total_people) == (1, 40)


def test_filters_by_neighbourhood_and_kind(partner_a, neighbourhood, known_work):
    overview = overview_for(
        user=partner_a,
        filters=OverviewFilter(year=2026, neighbourhood=neighbourhood.pk, kind="home_visit"),
    )
    assert (overview.total_entries, overview.total_people) == (1, 2)


def test_the_page_draws_charts_with_tables_and_partner_b_sees_none_of_as_figures(
    client, partner_a, partner_b, known_work
):
    client.force_login(partner_a)
    html = client.get(reverse("kwartiermaken:overview"), {"jaar": "2026"}).text
    assert html.count("<svg") == 5
    assert html.count("<table") == 5
    assert "Stationswijk: 2" in html  # the chart's text alternative
    client.force_login(partner_b)
    page = client.get(reverse("kwartiermaken:overview"), {"jaar": "2026"})
    assert page.context["overview"].total_people == 40
    # A partner cannot widen the view by asking for another organisation.
    page = client.get(reverse("kwartiermaken:overview"), {"jaar": "2026", "organisatie": "1"})
    assert page.context["overview"].total_people == 40


def test_csv_export_holds_the_detail_of_the_own_organisation_only(client, partner_a, known_work):
    client.force_login(partner_a)
    response = client.get(reverse("kwartiermaken:overview_export"), {"jaar": "2026"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert header[0] == "Month"
    assert {row[1] for row in body} == {"Partner A"}
    assert sum(int(row[4]) for row in body) == 3
    assert sum(int(row[5]) for row in body) == 15


def test_csv_cells_cannot_start_a_formula(client, coordinator, organisation_a):
    from .factories import NeighbourhoodFactory

    OutreachEntryFactory(
        organisation=organisation_a, neighbourhood=NeighbourhoodFactory(name="=HYPERLINK(1)")
    )
    client.force_login(coordinator)
    text = client.get(reverse("kwartiermaken:overview_export"), {"jaar": "alle"}).content.decode()
    assert "'=HYPERLINK(1)" in text


def test_stacked_chart_puts_each_label_above_its_bar_within_the_drawing():
    from huis.core.charts import bar_chart
    from kwartiermaken.selectors.overview import OverviewRow

    rows = [
        OverviewRow(label="Contact met een club of vereniging", entries=57),
        OverviewRow(label="Huisbezoek", entries=280),
        OverviewRow(label="Andere", entries=0),
    ]
    chart = bar_chart(rows, value="entries", stacked=True, max_label=44)
    assert chart.label_anchor == "start"
    assert [bar.label for bar in chart.bars] == [row.label for row in rows]
    for bar in chart.bars:
        assert bar.label_y < bar.y  # the label sits above its bar
        assert bar.value_x + 40 <= chart.width  # room for the number after the longest bar
    assert chart.bars[1].width > chart.bars[0].width > chart.bars[2].width == 0
    assert chart.bars[-1].y + chart.bar_height <= chart.height
