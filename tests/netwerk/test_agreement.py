"""The person's own agreement: the lead partner prints the six-month guidance agreement as a
tagged PDF for the person to sign, and records the day they signed it."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from huis.audit.models import AuditEntry
from tests.pdfcheck import assert_tagged_pdf

pytestmark = pytest.mark.django_db


def test_the_lead_partner_prints_the_agreement(client, partner_a, guidance):
    client.force_login(partner_a)
    response = client.get(reverse("netwerk:guidance_pdf", args=[guidance.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert_tagged_pdf(response.content, lang="en")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Mila" in text and "Een woning vinden." in text and "Partner B" in text


def test_the_signed_date_is_recorded_and_shown(client, partner_a, guidance):
    client.force_login(partner_a)
    day = timezone.localdate()
    response = client.post(
        reverse("netwerk:guidance_signed", args=[guidance.pk]), {"signed_on": day.isoformat()}
    )
    assert response.status_code == 302
    guidance.refresh_from_db()
    assert (guidance.signed_on, guidance.signed_recorded_by) == (day, partner_a)
    assert AuditEntry.objects.filter(action="netwerk.guidance_signed").exists()
    page = client.get(guidance.get_absolute_url()).text
    assert "Signed by the person" in page


def test_a_date_in_the_future_is_refused(client, partner_a, guidance):
    client.force_login(partner_a)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        reverse("netwerk:guidance_signed", args=[guidance.pk]),
        {"signed_on": tomorrow.isoformat()},
    )
    assert response.status_code == 400
    assert "future" in response.text
    guidance.refresh_from_db()
    assert guidance.signed_on is None


def test_another_partner_of_the_guidance_cannot_record_it(client, partner_b, guidance):
    client.force_login(partner_b)
    response = client.post(
        reverse("netwerk:guidance_signed", args=[guidance.pk]),
        {"signed_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 403
