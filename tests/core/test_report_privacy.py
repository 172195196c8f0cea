"""The yearly report counts people without naming them, and hides small counts outside the house.

- one pseudonymous key per person: an account and a guest sign-up with the same email address
  (in any case) or phone number are one person; no name, no address in the key;
- counts of 1 to 4 people are "<5" in the CSV, the workbook and the PDF (what leaves the house),
  and as they are on the coordinators' page; counts that are not people stay as they are.
"""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from huis.core.report import exports
from huis.core.report.build import Report
from huis.core.report.figures import Chart, ChartRow, Figure, Period, Section, exported, shown
from huis.core.report.pdf import report_pdf
from huis.core.report.people import person_key, unique_and_returning
from huis.core.report.present import present
from ontmoeting import report as ontmoeting_report
from ontmoeting.services import registration_create
from tests.factories import ActivityFactory, UserFactory


def test_one_key_per_person_whatever_the_writing():
    a = person_key(email=" Marie@Example.BE ")
    assert a == person_key(email="marie@example.be")
    assert a != person_key(email="mario@example.be")
    assert person_key(phone_digits="+32 470 12 34 56") == person_key(phone_digits="32470123456")
    assert person_key(user_id=7) != person_key(user_id=8)
    assert person_key() == ""
    assert "marie" not in a and len(a) == 24
    assert unique_and_returning([a, a, person_key(user_id=7), ""])[:2] == (2, 1)


@pytest.mark.django_db
def test_a_guest_and_an_account_with_the_same_address_count_once():
    first, second = ActivityFactory(capacity=5), ActivityFactory(capacity=5)
    member = UserFactory(email="lies@test.example")
    registration_create(activity=first, actor=None, name="Lies", email="LIES@test.example")
    registration_create(activity=second, actor=member, user=member)
    registration_create(activity=second, actor=None, name="Tom", phone="0470 12 34 56")
    starts = [timezone.localdate(a.starts_at) for a in (first, second)]
    section = ontmoeting_report.build(period=Period(min(starts), max(starts)))
    assert section.value("unique") == 2
    assert section.value("returning") == 1
    assert len(section.people_keys) == 2


def _report() -> Report:
    section = Section(
        name="test",
        title="Proef",
        figures=[
            Figure("few", "Weinig mensen", 3, "Mensen die iets deden.", people=True),
            Figure("many", "Veel mensen", 12, "Mensen die iets anders deden.", people=True),
            Figure("things", "Activiteiten", 3, "Activiteiten, geen mensen."),
            Figure("none", "Niemand", 0, "Nul blijft nul.", people=True),
            Figure("hours", "Uren", Decimal("7.5"), "Uren werk."),
        ],
        charts=[
            Chart(
                title="Per soort",
                rows=[ChartRow("Klein", 2), ChartRow("Groot", 40)],
                people=True,
            )
        ],
    )
    return Report(
        period=Period(dt.date(2026, 1, 1), dt.date(2026, 12, 31)),
        sections=[section],
        unique_people=4,
    )


def test_small_counts_of_people_are_hidden_in_every_export():
    assert shown(3, people=True) == "<5" and shown(3, people=False) == "3"
    assert shown(3, people=True, suppress=False) == "3"
    assert exported(0, people=True) == 0 and exported(5, people=True) == 5

    rows = [line.split(";") for line in exports.csv_text(_report()).splitlines()]
    numbers = {row[2]: row[3] for row in rows[1:]}
    assert numbers["Weinig mensen"] == "<5"
    assert numbers["Veel mensen"] == "12"
    assert numbers["Activiteiten"] == "3"
    assert numbers["Niemand"] == "0"
    assert numbers["Uren"] == "7,5"
    assert rows[1][3] == "<5"  # the people of all functions together: 4

    book = load_workbook(io.BytesIO(exports.workbook(_report())))
    sheet = book["Proef"]
    cells = {row[0]: row[1] for row in sheet.iter_rows(min_row=2, values_only=True) if row}
    assert cells["Weinig mensen"] == "<5" and cells["Veel mensen"] == 12
    assert cells["Activiteiten"] == 3 and cells["Klein"] == "<5" and cells["Groot"] == 40

    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report_pdf(_report()))).pages)
    assert "<5" in text and "12" in text and "40" in text
    page = present(_report(), suppress=False)  # the coordinators' own page
    assert [f["text"] for f in page["sections"][0]["figures"]][:3] == ["3", "12", "3"]
