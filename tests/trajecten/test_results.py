"""The programme's figures are computed from trajectories with known answers.

Eight trajectories, moved in on known days (today is fixed at 1 July 2026):

| family | housed on  | 6 m check | 12 m check | 24 m check | end                     |
|--------|------------|-----------|------------|------------|-------------------------|
| A      | 2024-01-01 | housed    | housed     | housed     |                         |
| B      | 2024-03-01 | housed    | housed     | not housed |                         |
| C      | 2024-05-01 | housed    | —          | —          | ended 2024-12-01, moved |
| D      | 2024-06-01 | housed    | —          | —          | 2025-01-15 housing lost |
| E      | 2025-01-01 | housed    | housed     | (not due)  |                         |
| F      | 2025-05-01 | housed    | (missing)  | (not due)  |                         |
| G      | 2025-12-01 | (missing) | (not due)  | (not due)  |                         |
| H      | 2026-06-01 | (not due) | (not due)  | (not due)  |                         |

The answers are worked out next to each assertion below.
"""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from trajecten.models import Goal, HousingCheck
from trajecten.selectors import programme_results

from .factories import ApplicationFactory, trajectory_for

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 7, 1)

ROWS = [
    # housed_on, {months: housed}, ended_on, end_reason
    ("A", dt.date(2024, 1, 1), {6: True, 12: True, 24: True}, None, ""),
    ("B", dt.date(2024, 3, 1), {6: True, 12: True, 24: False}, None, ""),
    ("C", dt.date(2024, 5, 1), {6: True}, dt.date(2024, 12, 1), "moved"),
    ("D", dt.date(2024, 6, 1), {6: True}, dt.date(2025, 1, 15), "housing_lost"),
    ("E", dt.date(2025, 1, 1), {6: True, 12: True}, None, ""),
    ("F", dt.date(2025, 5, 1), {6: True}, None, ""),
    ("G", dt.date(2025, 12, 1), {}, None, ""),
    ("H", dt.date(2026, 6, 1), {}, None, ""),
]


@pytest.fixture
def known(programme, organisation_a):
    trajectories = {}
    for label, housed_on, checks, ended_on, reason in ROWS:
        application = ApplicationFactory(
            programme=programme, organisation=organisation_a, family_label=f"Gezin {label}"
        )
        trajectory = trajectory_for(
            application,
            started_on=housed_on - dt.timedelta(days=20),
            housed_on=housed_on,
            ended_on=ended_on,
            end_reason=reason,
        )
        for months, housed in checks.items():
            HousingCheck.objects.create(trajectory=trajectory, months=months, housed=housed)
        trajectories[label] = trajectory
    # Goals: housing 4 (3 reached, 1 dropped), income 2 (1 reached, 1 not reached),
    # children 3 (1 reached, 2 open); the other domains have none.
    goals = [
        ("A", "housing", "reached"),
        ("B", "housing", "reached"),
        ("E", "housing", "reached"),
        ("F", "housing", "dropped"),
        ("A", "income", "reached"),
        ("B", "income", "not_reached"),
        ("A", "children", "reached"),
        ("E", "children", "open"),
        ("G", "children", "open"),
    ]
    for label, domain, status in goals:
        Goal.objects.create(
            trajectory=trajectories[label],
            domain=domain,
            text="Doel",
            written_with="het gezin",
            status=status,
        )
    return trajectories


def test_housing_kept_after_6_12_and_24_months(programme, known):
    results = programme_results(programme=programme, today=TODAY)
    six, twelve, twentyfour = results.checks
    # 6 months: A–G are due (G on 2026-06-01); G has no check yet.
    assert (six.due, six.checked, six.housed, six.left, six.missing) == (7, 6, 6, 0, 1)
    assert six.share == 100
    # 12 months: A–F due. A, B, E housed; C moved before (left); D lost the home (known, not
    # housed); F's check is missing.
    assert (twelve.due, twelve.checked, twelve.housed, twelve.left, twelve.missing) == (
        6,
        4,
        3,
        1,
        1,
    )
    assert twelve.share == 75
    # 24 months: A, B, C, D due (D on 2026-06-01). A housed, B not; C left; D lost it.
    assert (twentyfour.due, twentyfour.checked, twentyfour.housed, twentyfour.left) == (4, 3, 1, 1)
    assert twentyfour.share == 33
    assert results.started == 8
    assert results.open == 6
    assert {row.label: row.count for row in results.ended} == {
        "Moved away": 1,
        "Housing lost": 1,
    }


def test_goals_reached_per_domain(programme, known):
    results = programme_results(programme=programme, today=TODAY)
    by_domain = {d.domain: d for d in results.domains}
    assert (by_domain["housing"].goals, by_domain["housing"].reached) == (4, 3)
    assert by_domain["housing"].share == 100  # the dropped goal does not count
    assert by_domain["income"].share == 50
    assert by_domain["children"].share == 33
    assert by_domain["work"].goals == 0 and by_domain["work"].share is None
    assert [d.domain for d in results.domains] == [
        "housing",
        "income",
        "health",
        "children",
        "social",
        "work",
    ]


def test_decisions_are_counted(programme, known, scheduled):
    from .factories import decide

    decide(scheduled, "more_info")
    results = programme_results(programme=programme, today=TODAY)
    assert {row.label: row.count for row in results.decisions}["More information needed"] == 1


def test_the_overview_and_the_funders_csv_show_the_same_figures(
    client, coordinator, programme, known
):
    results = programme_results(programme=programme)  # today, as the pages compute it
    twelve = results.check(12)
    client.force_login(coordinator)
    page = client.get(reverse("trajecten:results"))
    assert page.status_code == 200
    assert f"{twelve.share}%" in page.text and "<svg" in page.text
    response = client.get(reverse("trajecten:results_export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Programme", "Measure", "Count", "Out of", "Percentage"]
    expected = [
        programme.name,
        "Still housed after 12 months",
        str(twelve.housed),
        str(twelve.checked),
        str(twelve.share),
    ]
    assert expected in rows
    assert [programme.name, "Goals reached: Income", "1", "2", "50"] in rows


def test_csv_cells_are_neutralised(client, coordinator, programme):
    programme.name = "=HYPERLINK(1)"
    programme.save()
    client.force_login(coordinator)
    text = client.get(reverse("trajecten:results_export")).content.decode("utf-8-sig")
    assert "\n'=HYPERLINK(1);" in text.replace("\r\n", "\n")
