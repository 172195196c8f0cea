"""Download everything about me (JSON and PDF), and delete my account with the counts kept."""

import io
import json
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from beeldvorming.models import ConsentRecord
from beeldvorming.models import Testimony as Story
from huis.accounts.models import User
from huis.audit.models import AuditEntry
from huis.core.registry import personal_data_providers
from huis.notifications.models import Notification, NotificationPreference
from huis.notifications.services import preference_update
from huis.places.models import PlaceClaim
from ontmoeting.selectors import overview
from ontmoeting.services import registration_create
from tests import factories
from tests.factories import ActivityFactory
from tests.pdfcheck import assert_tagged_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def life(visitor, visitor_b, staff, django_capture_on_commit_callbacks):
    """A visitor with a profile, a future and a past sign-up, a story and a message preference."""
    from django.utils import timezone

    visitor.phone = "0470 12 34 56"
    visitor.save()
    future = ActivityFactory(title="Samen koken", capacity=1)
    past = ActivityFactory(title="Wandeling")
    with django_capture_on_commit_callbacks(execute=False):
        future_claim = registration_create(activity=future, actor=visitor, user=visitor)
        waiting = registration_create(activity=future, actor=visitor_b, user=visitor_b)
        past_claim = registration_create(activity=past, actor=visitor, user=visitor)
    # The walk happened: move it into the past and check the visitor in.
    from ontmoeting.models import Activity

    Activity.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - timezone.timedelta(days=3),
        ends_at=timezone.now() - timezone.timedelta(days=3, hours=-1),
    )
    PlaceClaim.objects.filter(pk=past_claim.pk).update(attendance="attended")
    story = factories.TestimonyFactory(
        author=visitor,
        title="Mijn weg",
        body="Ik vond hier rust.",
        attribution="first_name",
        shown_name="Vera",
        published=True,
    )
    preference_update(user=visitor, by_email=True, by_sms=True, actor=visitor)
    return {
        "future": future,
        "past": past,
        "future_claim": future_claim,
        "past_claim": past_claim,
        "waiting": waiting,
        "story": story,
    }


def test_every_part_of_the_portal_registered_its_personal_data():
    names = {p.name for p in personal_data_providers()}
    assert {"accounts", "audit", "ontmoeting", "beeldvorming", "notifications", "places"} <= names


def _download(client, capture) -> dict[str, bytes]:
    """Ask for the download, let the worker make it, fetch it: the files in the ZIP by name."""
    from huis.accounts.exports import data_export_build
    from huis.accounts.models import DataExport

    with capture(execute=False):
        client.post(reverse("accounts:export_request"))
    export = DataExport.objects.get()
    with capture(execute=False):
        data_export_build(export_id=export.pk)
    response = client.get(reverse("accounts:export_file", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name.rsplit(".", 1)[-1]: archive.read(name) for name in archive.namelist()}


def test_download_as_json_holds_everything_about_me_and_nothing_of_others(
    client, visitor, life, django_capture_on_commit_callbacks
):
    client.force_login(visitor)
    files = _download(client, django_capture_on_commit_callbacks)
    data = json.loads(files["json"])
    sections = data["sections"]
    assert sections["accounts"]["data"]["profile"]["email"] == visitor.email
    assert sections["accounts"]["data"]["profile"]["phone"] == "0470 12 34 56"
    titles = {s["activity"] for s in sections["ontmoeting"]["data"]["sign_ups"]}
    assert titles == {"Samen koken", "Wandeling"}
    assert sections["beeldvorming"]["data"]["stories"][0]["story"] == "Ik vond hier rust."
    assert sections["beeldvorming"]["data"]["consent"][0]["shown_name"] == "Vera"
    assert sections["notifications"]["data"]["preferences"] == {"by_email": True, "by_sms": True}
    assert "Bram" not in files["json"].decode()  # visitor_b waits for the same activity
    assert AuditEntry.objects.filter(action="accounts.data_exported", subject=visitor).exists()


def test_download_as_pdf_is_a_readable_document(
    client, visitor, life, django_capture_on_commit_callbacks
):
    client.force_login(visitor)
    pdf = _download(client, django_capture_on_commit_callbacks)["pdf"]
    assert_tagged_pdf(pdf)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for expected in [visitor.email, "Samen koken", "Wandeling", "Ik vond hier rust."]:
        assert expected in text


def test_the_download_needs_an_account(client):
    for name in ["accounts:export_request", "accounts:my_data"]:
        response = client.post(reverse(name)) if "request" in name else client.get(reverse(name))
        assert response.status_code == 302 and "/account/login/" in response.url


def test_deleting_asks_to_confirm_first(client, visitor, life):
    client.force_login(visitor)
    page = client.get(reverse("accounts:delete"))
    assert page.status_code == 200
    response = client.post(reverse("accounts:delete"), {})
    assert response.status_code == 400
    assert "Tick the box" in response.text or "Vink" in response.text
    visitor.refresh_from_db()
    assert visitor.is_active and visitor.display_name == "Vera"


def test_deleting_my_account_erases_me_and_keeps_the_counts(
    client, visitor, visitor_b, life, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    year = timezone.localdate().year
    figures_before = overview(year=year)
    attended_before = PlaceClaim.objects.filter(attendance="attended").count()
    claims_before = PlaceClaim.objects.count()
    client.force_login(visitor)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(reverse("accounts:delete"), {"confirm": "on"})
    assert response.status_code == 302 and response.url == reverse("core:home")

    erased = User.objects.get(pk=visitor.pk)
    assert not erased.is_active and not erased.has_usable_password()
    assert erased.display_name == "" and erased.phone == ""
    assert "vera" not in erased.email.lower() and erased.email.endswith("@erased.invalid")
    assert not erased.groups.exists() and not erased.emailaddress_set.exists()
    # Logged out: the profile now asks to log in.
    assert client.get(reverse("accounts:profile")).status_code == 302
    # The future place went to the person waiting; the past attendance still counts, nameless.
    life["waiting"].refresh_from_db()
    assert life["waiting"].status == PlaceClaim.Status.CONFIRMED
    past = PlaceClaim.objects.get(pk=life["past_claim"].pk)
    assert past.user_id is None and past.name == past.email == past.phone == ""
    assert past.attendance == "attended" and past.erased_at is not None
    assert PlaceClaim.objects.count() == claims_before
    assert PlaceClaim.objects.filter(attendance="attended").count() == attended_before
    assert overview(year=year) == figures_before
    # The story is offline and gone, with its consent records.
    assert not Story.objects.filter(pk=life["story"].pk).exists()
    assert not ConsentRecord.objects.filter(testimony_id=life["story"].pk).exists()
    assert client.get(reverse("verhalen:detail", args=[life["story"].pk])).status_code == 404
    assert not NotificationPreference.objects.filter(user=visitor).exists()
    assert not Notification.objects.filter(recipient=visitor).exists()
    # Nothing identifying is left anywhere in their export, and the log says it happened.
    from huis.accounts.privacy import personal_data_export

    leftover = json.dumps(personal_data_export(user=erased))
    for trace in ["Vera", "0470", "Ik vond hier rust", "Samen koken"]:
        assert trace not in leftover
    assert AuditEntry.objects.filter(action="accounts.erased", subject=visitor).exists()


def test_erasure_is_all_or_nothing(visitor, life, monkeypatch):
    from huis.accounts import privacy
    from huis.core import registry
    from huis.core.registry import privacy as registered_privacy

    def broken(user):
        raise RuntimeError("disk full")

    original = registered_privacy._personal_data["notifications"]
    monkeypatch.setitem(
        registered_privacy._personal_data,
        "notifications",
        registry.PersonalDataProvider(
            name="notifications", label="x", export=original.export, erase=broken, order=80
        ),
    )
    with pytest.raises(RuntimeError):
        privacy.account_erase(user=visitor)
    visitor.refresh_from_db()
    assert visitor.is_active and visitor.display_name == "Vera"
    assert Story.objects.filter(pk=life["story"].pk).exists()
    assert PlaceClaim.objects.get(pk=life["future_claim"].pk).status == "confirmed"


def test_an_erased_person_cannot_log_in_again(client, visitor, life):
    from huis.accounts.privacy import account_erase

    email = visitor.email
    account_erase(user=visitor)
    assert not User.objects.filter(email__iexact=email).exists()
    client.post(reverse("account_login"), {"login": email, "password": "test-password-123"})
    assert "_auth_user_id" not in client.session
    assert not client.login(email=email, password="test-password-123")
