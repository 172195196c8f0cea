"""Importing people from CSV or XLSX (issue #25): preview (create, update, skip and why),
commit, a welcome message or none, undo within a day. 500 rows, 20 duplicates, 5 invalid."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import Workbook

from huis.accounts import imports
from huis.accounts.models import ImportBatch, User
from huis.accounts.roles import Role
from huis.audit.models import AuditEntry
from huis.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _rows() -> list[list[str]]:
    """475 distinct people, 20 duplicates of them (written differently), 5 invalid rows."""
    rows = [["naam", "e-mail", "telefoon", "taal"]]
    for n in range(475):
        rows.append([f"Persoon {n}", f"persoon{n}@example.org", "", "fr" if n % 3 == 0 else "nl"])
    for n in range(20):  # the same address in capitals and with spaces: a duplicate
        rows.append([f"Dubbel {n}", f"  PERSOON{n}@Example.org ", "", "nl"])
    for n in range(5):
        rows.append([f"Fout {n}", f"geen-adres-{n}", "", "nl"])
    return rows


def _csv(rows) -> bytes:
    return "\n".join(";".join(row) for row in rows).encode("utf-8")


def _xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("name", "make"), [("mensen.csv", _csv), ("mensen.xlsx", _xlsx)])
def test_500_rows_preview_commit_and_undo(as_role, staff, name, make):
    known = User.objects.create_user(email="persoon7@example.org", display_name="")
    client = as_role("staff")
    upload = SimpleUploadedFile(name, make(_rows()))
    response = client.post(reverse("people:import"), {"file": upload, "invite": "0"})
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert imports.counts(batch) == {"create": 474, "update": 1, "skip": 25}
    reasons = [row["reason"] for row in batch.rows if row["action"] == "skip"]
    assert sum("Duplicate" in r or "Dubbel" in r or "al in het bestand" in r for r in reasons) == 20
    assert len(reasons) == 25
    page = client.get(reverse("people:import_batch", kwargs={"pk": batch.pk}))
    assert page.status_code == 200 and "geen-adres-0" not in page.content.decode()
    assert User.objects.count() == 2  # nothing saved before the commit (staff and the known)

    client.post(reverse("people:import_commit", kwargs={"pk": batch.pk}))
    assert User.objects.filter(email__startswith="persoon").count() == 475
    known.refresh_from_db()
    assert known.display_name == "Persoon 7"  # what was empty is filled in
    french = User.objects.get(email="persoon3@example.org")
    assert french.preferred_language == "fr" and french.has_role(Role.VISITOR)
    assert not Notification.objects.exists()  # "no message at all"
    assert AuditEntry.objects.filter(action="accounts.import_committed", actor=staff).exists()
    again = client.post(reverse("people:import_commit", kwargs={"pk": batch.pk}))
    assert again.status_code == 400

    client.post(reverse("people:import_undo", kwargs={"pk": batch.pk}))
    assert User.objects.filter(email__startswith="persoon").count() == 1  # the known one
    known.refresh_from_db()
    assert known.display_name == ""
    assert ImportBatch.objects.get().status == "undone"


def test_welcome_messages_when_chosen_and_no_undo_after_a_day(staff):
    content = _csv([["name", "email"], ["Els", "els@example.org"], ["Jan", "jan@example.org"]])
    batch = imports.import_preview(filename="a.csv", content=content, invite=True, actor=staff)
    imports.import_commit(batch=batch, actor=staff)
    assert Notification.objects.filter(kind="accounts_import_welcome").count() == 2
    ImportBatch.objects.filter(pk=batch.pk).update(
        committed_at=timezone.now() - dt.timedelta(days=1, minutes=1)
    )
    with translation.override("en"), pytest.raises(imports.ImportError_, match="within a day"):
        imports.import_undo(batch=batch, actor=staff)


def test_a_person_who_logged_in_since_keeps_their_account_on_undo(staff):
    content = _csv([["name", "email"], ["Els", "els@example.org"]])
    batch = imports.import_commit(
        batch=imports.import_preview(filename="a.csv", content=content, invite=False, actor=staff),
        actor=staff,
    )
    User.objects.filter(email="els@example.org").update(last_login=timezone.now())
    imports.import_undo(batch=batch, actor=staff)
    assert User.objects.filter(email="els@example.org").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("list.txt", b"name,email\nEls,els@example.org"),
        ("list.csv", b""),
        ("list.csv", b"voornaam,adres\nEls,Gent"),
        ("list.xlsx", b"not a spreadsheet"),
    ],
)
def test_bad_files_are_a_400_with_a_reason(as_role, name, content):
    upload = SimpleUploadedFile(name, content)
    response = as_role("staff").post(reverse("people:import"), {"file": upload, "invite": "0"})
    assert response.status_code == 400
    assert response.context["form"].errors
    assert not ImportBatch.objects.exists()


def test_only_the_house_imports(as_role):
    assert as_role("visitor").get(reverse("people:import")).status_code == 403
    assert as_role("partner_a").get(reverse("people:import")).status_code == 403
