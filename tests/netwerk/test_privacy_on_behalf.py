"""A worker's privacy requests on behalf of a referred person (issue #25): the referring
organisation's worker (or the house's people) asks from the referral's page for the download of
what the portal holds about the person (made in the background by the core's engine, only the
asker opens it, gone after a day) and for its erasure (a reason and a confirmation). Audited;
another organisation's worker does not find the page (404)."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from huis.accounts.exports import data_export_build, data_exports_expire
from huis.accounts.models import DataExport
from huis.audit.models import AuditEntry
from huis.notifications.models import Notification
from huis.notifications.services import render
from netwerk.models import Person, Referral

pytestmark = pytest.mark.django_db


def _urls(referral):
    return {
        name: reverse(f"netwerk:referral_privacy{name}", kwargs={"pk": referral.pk})
        for name in ("", "_export", "_erase")
    }


def _json_in(content: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        [name] = [n for n in archive.namelist() if n.endswith(".json")]
        return json.loads(archive.read(name))


def test_the_referring_worker_downloads_what_the_portal_holds_about_the_person(
    as_role, partner_a, staff, referral
):
    urls = _urls(referral)
    client = as_role("partner_a")
    detail = client.get(reverse("netwerk:referral_detail", kwargs={"pk": referral.pk}))
    assert f'href="{urls[""]}"' in detail.text
    assert client.post(urls["_export"]).status_code == 302
    export = DataExport.objects.get(user=partner_a)
    assert export.subject_ref == f"netwerk.person:{referral.person_id}"
    assert "We are making the file." in client.get(urls[""]).text
    assert data_export_build(export_id=export.pk)
    export.refresh_from_db()
    data = _json_in(bytes(export.content))
    section = data["sections"]["netwerk.person"]["data"]
    assert section["person"][0]["alias"] == "Mila"
    assert section["referrals"][0]["question"] == "Zoekt een plek om te wonen."
    ready = Notification.objects.get(kind="data_export_ready", recipient=partner_a)
    assert ready.context["url"].endswith(urls[""])
    # The mail says whose file it is: not "your data" (the worker's own download is another).
    mail = render(ready)
    assert "about a person you referred" in mail.text or "persoon die je doorverwees" in mail.text
    assert "with your data" not in mail.text and "met je gegevens" not in mail.text
    # Only the asker opens it, and the asker's own data download is another file.
    file_url = reverse("accounts:export_file", kwargs={"pk": export.pk})
    assert client.get(file_url).status_code == 200
    assert as_role("staff").get(file_url).status_code == 404
    entry = AuditEntry.objects.get(action="netwerk.person_export_requested")
    assert entry.actor_id == partner_a.pk and entry.data["person"] == referral.person_id
    # Gone after its time.
    DataExport.objects.filter(pk=export.pk).update(expires_at=timezone.now() - dt.timedelta(1))
    assert data_exports_expire() == 1


def test_another_organisations_worker_gets_404(as_role, referral):
    urls = _urls(referral)
    client = as_role("partner_b")  # the receiver: another organisation
    assert client.get(urls[""]).status_code == 404
    assert client.post(urls["_export"]).status_code == 404
    assert client.post(urls["_erase"], {"reason": "x", "confirm": "on"}).status_code == 404
    assert not DataExport.objects.exists()


def test_erasure_needs_a_reason_and_a_confirmation_and_is_audited(as_role, staff, referral):
    urls = _urls(referral)
    client = as_role("staff")  # the house's people may ask too
    assert client.get(urls[""]).status_code == 200
    client.post(urls["_export"])
    refused = client.post(urls["_erase"], {"reason": "Vroeg het zelf"})
    assert refused.status_code == 400
    assert "confirm" in refused.text
    assert Person.objects.get(pk=referral.person_id).alias == "Mila"
    done = client.post(urls["_erase"], {"reason": "Vroeg het zelf", "confirm": "on"})
    assert done.status_code == 302
    person = Person.objects.get(pk=referral.person_id)
    assert (person.alias, person.contact) == ("–", "")
    assert person.anonymised_at is not None
    assert Referral.objects.get(pk=referral.pk).question == "–"  # still counted, without story
    assert not DataExport.objects.exists()  # the file made for them went too
    entry = AuditEntry.objects.get(action="netwerk.person_erased_on_behalf")
    assert entry.actor_id == staff.pk
    assert entry.data["reason"] == "Vroeg het zelf"
    assert entry.data["person"] == person.pk
    again = client.post(urls["_erase"], {"reason": "Nog eens", "confirm": "on"})
    assert again.status_code == 400
