"""Reach: totals per campaign, audience and month with known answers; chart, table and CSV."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from beeldvorming.selectors import reach_for
from huis.core.csv import csv_safe as neutralise
from tests.factories import CampaignActionFactory, CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def known_reach(db):
    """2026: A = 30 + 20 + 50 = 100, B = 100; pupils 80, workplace 20, public 100;
    March 50, April 150. 2025: B = 7 more (public, December)."""
    a = CampaignFactory(name="Campagne A", starts_on=date(2026, 3, 1), ends_on=date(2026, 4, 30))
    b = CampaignFactory(name="Campagne B", starts_on=date(2025, 12, 1), ends_on=date(2026, 4, 30))
    for campaign, day, audience, people in [
        (a, date(2026, 3, 10), "pupils", 30),
        (a, date(2026, 3, 20), "workplace", 20),
        (a, date(2026, 4, 5), "pupils", 50),
        (b, date(2026, 4, 15), "public", 100),
        (b, date(2025, 12, 1), "public", 7),
    ]:
        CampaignActionFactory(campaign=campaign, date=day, audience=audience, people_reached=people)
    return a, b


def _rows(rows):
    return {row.label: (row.people, row.actions) for row in rows}


def test_reach_totals_for_one_year(known_reach, staff):
    with translation.override("en"):
        reach = reach_for(user=staff, year=2026)
    assert reach.total_people == 200
    assert reach.total_actions == 4
    assert _rows(reach.by_campaign) == {"Campagne A": (100, 3), "Campagne B": (100, 1)}
    assert _rows(reach.by_audience) == {
        "Pupils and students": (80, 2),
        "Employers and employees": (20, 1),
        "General public": (100, 1),
    }
    assert [(r.people, r.actions) for r in reach.by_month] == [(50, 2), (150, 2)]


def test_reach_totals_for_all_years(known_reach, staff):
    reach = reach_for(user=staff, year=None)
    assert reach.total_people == 207
    assert _rows(reach.by_campaign)["Campagne B"] == (107, 2)
    assert [r.people for r in reach.by_month] == [7, 50, 150]


def test_people_outside_the_house_get_no_numbers(known_reach, visitor, partner_a):
    for person in (visitor, partner_a):
        assert reach_for(user=person, year=None).total_people == 0


def test_reach_page_draws_accessible_charts_and_tables(known_reach, as_role):
    client = as_role("staff")
    client.cookies["django_language"] = "en"
    html = client.get(reverse("beeldvorming:reach"), {"jaar": "2026"}).text
    assert "200 people reached with 4 actions" in html
    svgs = re.findall(r"<svg[^>]*>.*?</svg>", html, flags=re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert 'role="img"' in svg
        assert "<title id=" in svg and "<desc id=" in svg
        assert "aria-labelledby=" in svg
    assert "Campagne A: 100; Campagne B: 100" in svgs[0]
    # The same numbers in a table beside each chart.
    assert html.count("<table") == 3
    assert '<th scope="row">General public</th><td class="text-end">100</td>' in html
    # No JavaScript, no inline styles (strict CSP).
    assert "<script" not in html
    assert not re.search(r"\sstyle=", html)


def test_reach_page_without_any_actions(as_role):
    response = as_role("coordinator").get(reverse("beeldvorming:reach"))
    assert response.status_code == 200
    assert "<svg" not in response.text


def _csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def test_csv_export_has_the_detail_behind_the_totals(known_reach, as_role):
    client = as_role("staff")
    client.cookies["django_language"] = "en"
    response = client.get(reverse("beeldvorming:reach_export"), {"jaar": "2026"})
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = _csv(response)
    assert rows[0] == ["Month", "Campaign", "Audience", "People reached", "Actions"]
    body = rows[1:]
    assert ["2026-03", "Campagne A", "Pupils and students", "30", "1"] in body
    assert ["2026-04", "Campagne A", "Pupils and students", "50", "1"] in body
    assert sum(int(r[3]) for r in body) == 200
    all_years = _csv(client.get(reverse("beeldvorming:reach_export"), {"jaar": "alle"}))
    assert sum(int(r[3]) for r in all_years[1:]) == 207


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://evil.example","klik")', "+32 1", "-2+3", "@SUM(A1)", "\tx"]
)
def test_csv_cells_cannot_become_formulas(as_role, name):
    campaign = CampaignFactory(name=name, starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 31))
    CampaignActionFactory(campaign=campaign, date=date(2026, 1, 5), people_reached=3)
    rows = _csv(as_role("staff").get(reverse("beeldvorming:reach_export"), {"jaar": "2026"}))
    assert rows[1][1] == "'" + name
    assert all(not cell.startswith(("=", "+", "-", "@", "\t")) for row in rows for cell in row)


def test_neutralise_leaves_numbers_and_normal_text_alone():
    assert neutralise(12) == 12
    assert neutralise("Week van de Geestelijke Gezondheid") == "Week van de Geestelijke Gezondheid"
    assert neutralise("=1+1") == "'=1+1"
