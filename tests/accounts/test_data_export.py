"""The data download is made in the background, kept briefly, and handed only to its owner.

What a person cares about: the page says plainly that the file is being made and shows it when
ready (also without JavaScript); the file holds everything about them and nothing of others;
nobody else can fetch it; it disappears after a short time; every step is in the audit log.
"""

import csv
import io
import json
import time
import zipfile
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from huis.accounts.exports import data_export_build, data_exports_expire
from huis.accounts.models import DataExport
from huis.accounts.pdf import PDF_ROWS, export_pdf
from huis.audit.models import AuditEntry
from huis.notifications.models import Notification
from ontmoeting.services import registration_create
from tests import factories
from tests.factories import ActivityFactory
from tests.pdfcheck import assert_tagged_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def life(visitor, visitor_b, django_capture_on_commit_callbacks):
    visitor.phone = "+32470123456"
    visitor.save()
    cooking = ActivityFactory(title="Samen koken", capacity=1)
    with django_capture_on_commit_callbacks(execute=False):
        registration_create(activity=cooking, actor=visitor, user=visitor)
        registration_create(activity=cooking, actor=visitor_b, user=visitor_b)
        registration_create(
            activity=ActivityFactory(title="Wandeling"), actor=visitor, user=visitor
        )
    factories.TestimonyFactory(author=visitor, title="Mijn weg", body="Ik vond hier rust.")


def _ask(client, capture) -> DataExport:
    with capture(execute=False) as callbacks:
        response = client.post(reverse("accounts:export_request"))
    assert response.status_code == 302 and response.url == reverse("accounts:my_data")
    assert len(callbacks) == 1  # the task, queued once the row is committed
    return DataExport.objects.get()


def _build(export: DataExport, capture) -> DataExport:
    with capture(execute=False):
        assert data_export_build(export_id=export.pk)
    export.refresh_from_db()
    return export


def test_the_download_is_made_in_the_background_and_then_offered(
    client, visitor, life, django_capture_on_commit_callbacks
):
    client.force_login(visitor)
    page = client.get(reverse("accounts:my_data"))
    assert "Maak mijn bestand" in page.text and reverse("accounts:export_request") in page.text

    export = _ask(client, django_capture_on_commit_callbacks)
    assert export.status == "pending" and export.user == visitor
    page = client.get(reverse("accounts:my_data"))
    # Says plainly what happens, and looks again by itself (no JavaScript needed).
    assert '<meta http-equiv="refresh" content="10">' in page.text
    assert reverse("accounts:export_file", args=[export.pk]) not in page.text
    # A second click while it is being made does not start a second one.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("accounts:export_request"))
    assert DataExport.objects.count() == 1 and not callbacks

    export = _build(export, django_capture_on_commit_callbacks)
    assert export.status == "ready" and export.size > 0
    notice = Notification.objects.get(key=f"accounts:data-export-ready:{export.pk}")
    assert notice.email == visitor.email and notice.kind == "data_export_ready"
    assert "/profiel/mijn-gegevens/" in notice.context["url"]

    page = client.get(reverse("accounts:my_data"))
    link = reverse("accounts:export_file", args=[export.pk])
    assert link in page.text and "http-equiv" not in page.text

    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    files = {name.split("/", 1)[1]: archive.read(name) for name in archive.namelist()}
    pdf = next(v for k, v in files.items() if k.endswith(".pdf"))
    assert_tagged_pdf(pdf)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    for expected in [visitor.email, "Samen koken", "Wandeling", "Ik vond hier rust."]:
        assert expected in text
    data = json.loads(next(v for k, v in files.items() if k.endswith(".json")))
    sections = data["sections"]
    assert sections["accounts"]["data"]["profile"]["phone"] == "+32470123456"
    assert {s["activity"] for s in sections["ontmoeting"]["data"]["sign_ups"]} == {
        "Samen koken",
        "Wandeling",
    }
    assert any(k.endswith(".csv") for k in files)
    assert b"Bram" not in b"".join(files.values())  # visitor_b waits for the same activity

    actions = set(
        AuditEntry.objects.filter(subject=visitor).values_list("action", flat=True).distinct()
    )
    assert {
        "accounts.data_export_requested",
        "accounts.data_exported",
        "accounts.data_export_downloaded",
    } <= actions


def test_only_the_owner_can_download_it(
    client, visitor, visitor_b, staff, life, django_capture_on_commit_callbacks
):
    client.force_login(visitor)
    export = _build(
        _ask(client, django_capture_on_commit_callbacks), django_capture_on_commit_callbacks
    )
    link = reverse("accounts:export_file", args=[export.pk])
    for other in (visitor_b, staff):
        client.force_login(other)
        assert client.get(link).status_code == 404
        assert link not in client.get(reverse("accounts:my_data")).text
    client.logout()
    response = client.get(link)
    assert response.status_code == 302 and "/account/login/" in response.url
    assert not AuditEntry.objects.filter(action="accounts.data_export_downloaded").exists()


def test_it_is_deleted_after_a_short_time(
    client, visitor, life, settings, django_capture_on_commit_callbacks
):
    client.force_login(visitor)
    export = _build(
        _ask(client, django_capture_on_commit_callbacks), django_capture_on_commit_callbacks
    )
    assert export.expires_at - timezone.now() > timedelta(hours=settings.DATA_EXPORT_HOURS - 1)
    link = reverse("accounts:export_file", args=[export.pk])
    assert client.get(link).status_code == 200
    export.refresh_from_db()
    # After the first download it stays a few hours at most.
    limit = timedelta(hours=settings.DATA_EXPORT_HOURS_AFTER_DOWNLOAD)
    assert export.expires_at <= timezone.now() + limit
    assert client.get(link).status_code == 200  # a second try in time still works

    # Asking again makes a new file and deletes the earlier one.
    fresh = _ask(client, django_capture_on_commit_callbacks)
    assert fresh.pk != export.pk and client.get(link).status_code == 404
    export = _build(fresh, django_capture_on_commit_callbacks)
    link = reverse("accounts:export_file", args=[export.pk])

    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now())
    assert client.get(link).status_code == 404  # over time: gone, even before the sweep
    assert data_exports_expire() == 1
    assert not DataExport.objects.exists()
    assert reverse("accounts:export_request") in client.get(reverse("accounts:my_data")).text


def test_deleting_the_account_deletes_the_file(
    client, visitor, life, django_capture_on_commit_callbacks
):
    client.force_login(visitor)
    _build(_ask(client, django_capture_on_commit_callbacks), django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert not DataExport.objects.exists()


def test_asking_needs_a_post_and_an_account(client, visitor):
    response = client.post(reverse("accounts:export_request"))
    assert response.status_code == 302 and "/account/login/" in response.url
    client.force_login(visitor)
    assert client.get(reverse("accounts:export_request")).status_code == 405
    assert not DataExport.objects.exists()


def _records(count: int) -> dict:
    return {
        "portal": "Huis met vele kamers",
        "generated_at": "2026-12-06T10:00:00+01:00",
        "person": "vera@example.org",
        "sections": {
            "kwartiermaken": {
                "label": "Kwartiermaken",
                "data": {
                    "entries": [
                        {
                            "date": f"2026-0{1 + i % 9}-{1 + i % 28:02d}",
                            "organisation": "Organisatie A",
                            "kind": "Gesprek",
                            "minutes": 30 + i,
                            "note": f"Gesprek nummer {i} over de buurt en wat er nodig is.",
                            "by": "=HYPERLINK(1)" if i == 0 else "Vera",
                        }
                        for i in range(count)
                    ]
                },
            },
            "accounts": {"label": "Account", "data": {"profile": {"email": "vera@example.org"}}},
        },
    }


def test_the_pdf_for_300_entries_is_short_and_quick_with_every_entry_in_the_csv():
    from huis.accounts.pdf import export_archive

    export = _records(300)
    export_pdf(_records(3))  # fonts and templates loaded once, as in a running worker
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        pdf = export_pdf(export)
        timings.append(time.perf_counter() - started)
    # Well under a second on an idle machine (about 0.3 s); generous for a busy 2-core test run.
    assert min(timings) < 1.5, timings
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) <= 3
    text = "".join(p.extract_text() for p in reader.pages)
    assert f"{PDF_ROWS} of 300" in text or f"{PDF_ROWS} van 300" in text
    archive = zipfile.ZipFile(io.BytesIO(export_archive(export, folder="x")))
    (name,) = [n for n in archive.namelist() if n.endswith(".csv")]
    rows = list(csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
    assert len(rows) == 301  # the header and every entry
    assert rows[1][-1] == "'=HYPERLINK(1)"  # a formula stays text in a spreadsheet
