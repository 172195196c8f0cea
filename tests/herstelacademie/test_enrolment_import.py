"""Importing existing course enrolments (issue #25): a preview per row (new or known person, a
place, the waiting list, refused and why) that saves nothing, then the enrolment through the
desk's services: a full course goes to the waiting list, never overbooked. Bad files and rows
get a clear Dutch message and a 4xx."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from herstelacademie.models import Enrollment
from huis.accounts.models import User
from huis.audit.models import AuditEntry
from huis.places.models import PlaceClaim

from .factories import make_course

pytestmark = pytest.mark.django_db

IMPORT = "herstelacademie:enrolment_import"


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


@pytest.fixture
def small_course(expert, staff):
    return make_course(title="Veerkracht", experts=[expert], professionals=[staff], max_students=2)


def _file(course, name="inschrijvingen.csv") -> SimpleUploadedFile:
    rows = [
        ["naam", "e-mail", "gsm", "taal", "cursus"],
        ["Els", "els@example.org", "", "nl", str(course.pk)],  # known person, a place
        ["Gert", "", "0470/12.34.56", "nl", "veerkracht"],  # new, by title, a place
        ["Fatima", "fatima@example.org", "", "fr", str(course.pk)],  # new, full: waiting list
        ["Els", "ELS@example.org", "", "nl", str(course.pk)],  # twice in the file
        ["Jan", "geen-adres", "", "nl", str(course.pk)],  # invalid address
        ["Piet", "piet@example.org", "", "nl", "Bestaat niet"],  # no such course
    ]
    if name.endswith(".xlsx"):
        book = Workbook()
        for row in rows:
            book.active.append(row)
        out = io.BytesIO()
        book.save(out)
        return SimpleUploadedFile(name, out.getvalue())
    return SimpleUploadedFile(name, "\n".join(";".join(r) for r in rows).encode())


@pytest.mark.parametrize("name", ["inschrijvingen.csv", "inschrijvingen.xlsx"])
def test_preview_saves_nothing_then_confirm_enrols_with_the_waiting_list(
    as_role, staff, small_course, name
):
    els = User.objects.create_user(email="els@example.org", display_name="Els")
    client = as_role("staff")
    users_before = User.objects.count()
    preview = client.post(reverse(IMPORT), {"file": _file(small_course, name)})
    assert preview.status_code == 200
    rows = {row["line"]: row for row in preview.context["rows"]}
    assert [rows[n]["outcome"] for n in range(2, 8)] == [
        "enrolled",
        "enrolled",
        "waiting",
        "refused",
        "refused",
        "refused",
    ]
    assert rows[2]["person"] == "known" and rows[3]["person"] == "new"
    assert rows[5]["reason"] == nl("Already enrolled for this course (or twice in the file).")
    assert rows[6]["reason"] == nl("Invalid email address.")
    assert rows[7]["reason"] == nl("No course with this number or title.")
    assert preview.context["counts"] == {"new": 2, "enrolled": 2, "waiting": 1, "refused": 3}
    page = preview.content.decode()
    assert nl("Nothing is saved yet. Check every row, then enrol them or cancel.") in page
    # A preview (and cancelling it) saves nothing.
    assert User.objects.count() == users_before and not Enrollment.objects.exists()

    done = client.post(
        reverse("herstelacademie:enrolment_import_confirm"),
        {"payload": preview.context["payload"], "filename": name},
    )
    assert done.status_code == 200
    statuses = dict(Enrollment.objects.values_list("user__display_name", "claim__status"))
    assert statuses == {"Els": "confirmed", "Gert": "confirmed", "Fatima": "waiting"}
    small_course.offering.refresh_from_db()
    assert small_course.offering.taken == 2  # never overbooked
    gert = User.objects.get(phone="+32470123456")
    assert gert.email == "" and gert.reach == "sms"
    assert Enrollment.objects.get(user=els).claim.status == PlaceClaim.Status.CONFIRMED
    entry = AuditEntry.objects.get(action="herstelacademie.enrolments_imported")
    assert entry.actor == staff and entry.data["waiting"] == 1

    # The same preview once more: everyone is enrolled already, nobody twice.
    again = client.post(
        reverse("herstelacademie:enrolment_import_confirm"),
        {"payload": preview.context["payload"], "filename": name},
    )
    assert again.status_code == 200 and again.context["counts"]["refused"] == 6
    assert Enrollment.objects.count() == 3


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "leeg.csv", "The submitted file is empty."),
        (b"naam;e-mail;cursus\n\n", "leeg.csv", "The file is empty."),
        (
            b"naam;cursus\nEls;12\n",
            "a.csv",
            "The first row must name the columns: name, email and/or phone, and course.",
        ),
        (b"PK\x03\x04 not really a spreadsheet", "a.xlsx", "This spreadsheet cannot be read."),
        (b"naam,e-mail,cursus\n", "a.pdf", "Choose a CSV or XLSX file."),
    ],
)
def test_a_bad_file_is_a_400_with_a_dutch_message(as_role, staff, content, name, message):
    response = as_role("staff").post(reverse(IMPORT), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert nl(message) in response.content.decode()


def test_a_forged_or_broken_preview_is_refused(as_role, staff):
    url = reverse("herstelacademie:enrolment_import_confirm")
    response = as_role("staff").post(url, {"payload": "forged:payload"})
    assert response.status_code == 400
    assert nl("This preview cannot be used. Upload the file again.") in response.content.decode()
    assert not Enrollment.objects.exists()


def test_the_example_file_can_be_imported_as_it_is(as_role, staff, small_course):
    client = as_role("staff")
    example = client.get(reverse("herstelacademie:enrolment_import_template"))
    assert example.status_code == 200 and example["Content-Type"].startswith("text/csv")
    upload = SimpleUploadedFile("voorbeeld.csv", example.content)
    preview = client.post(reverse(IMPORT), {"file": upload})
    assert preview.status_code == 200
    assert preview.context["counts"]["enrolled"] == 2


def test_the_example_in_docs_fills_a_demo_course_and_its_waiting_list(expert, staff):
    from pathlib import Path

    from django.conf import settings

    from herstelacademie import imports

    make_course(title="Slapen en rust", experts=[expert], professionals=[staff], max_students=6)
    make_course(title="Mindfulness voor beginners", experts=[expert], professionals=[staff])
    example = Path(settings.BASE_DIR) / "docs" / "examples" / "inschrijvingen-herstelacademie.csv"
    rows = imports.plan(imports.read_rows(example.name, example.read_bytes()))
    assert imports.counts(rows) == {"new": 9, "enrolled": 7, "waiting": 2, "refused": 3}
