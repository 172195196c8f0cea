"""Staff choose or create the house's organizer and link its place from /beheer/uitdatabank/,
against the fake API (every body checked against publiq's schemas)."""

import pytest
from django.urls import reverse

from huis.audit.models import AuditEntry
from uitdatabank import organizers, payload
from uitdatabank.models import HouseOrganizer, Venue

from .conftest import ORGANIZER

pytestmark = pytest.mark.django_db


def test_the_setting_is_the_fallback_until_staff_choose(connected):
    assert organizers.current_organizer_id() == ORGANIZER
    HouseOrganizer.objects.create(pk=1, organizer_id="abcdef12-0000-4000-8000-000000000009")
    assert organizers.current_organizer_id() == "abcdef12-0000-4000-8000-000000000009"
    assert payload.organizer_url("x").endswith("/organizers/x")


def test_none_found_then_created_then_found_and_chosen(connected, as_role, staff):
    client = as_role("staff")
    page = client.get(reverse("uitdatabank:connect"), {"name": "Huis met vele kamers"})
    assert page.status_code == 200
    # None found: the form to make it is offered.
    assert reverse("uitdatabank:organizer_create") in page.content.decode()
    response = client.post(
        reverse("uitdatabank:organizer_create"),
        {"name": "Huis met vele kamers", "url": "https://huis.example.be"},
    )
    assert response.status_code == 302
    assert len(connected.organizers) == 1
    created_id = next(iter(connected.organizers))
    assert organizers.current_organizer_id() == created_id
    assert AuditEntry.objects.filter(
        action="uitdatabank.organizer_chosen", actor=staff, data__created_in_uitdatabank=True
    ).exists()
    # Searched again: the existing organizer is offered to choose, not made twice.
    page = client.get(reverse("uitdatabank:connect"), {"name": "vele kamers"})
    assert created_id in page.content.decode()
    assert reverse("uitdatabank:organizer_create") not in page.content.decode()
    HouseOrganizer.objects.all().delete()
    response = client.post(
        reverse("uitdatabank:organizer_choose"),
        {"organizer_id": created_id, "name": "Huis met vele kamers"},
    )
    assert response.status_code == 302
    assert organizers.current_organizer_id() == created_id
    assert len(connected.organizers) == 1
    assert connected.api_requests("GET", "/organizers/?")


def test_a_refused_organizer_shows_publiqs_reason(connected, as_role):
    connected.fail_next.append(
        ("POST", "/organizers", 400, {"title": "Invalid body data", "detail": "url is taken"})
    )
    response = as_role("staff").post(
        reverse("uitdatabank:organizer_create"),
        {"name": "Huis", "url": "https://huis.example.be"},
    )
    assert response.status_code == 400
    assert "url is taken" in response.content.decode()
    assert not HouseOrganizer.objects.exists()


def test_bad_input_is_refused_with_a_reason(connected, as_role):
    response = as_role("staff").post(
        reverse("uitdatabank:organizer_create"), {"name": "Huis", "url": "geen adres"}
    )
    assert response.status_code == 400
    assert not connected.organizers


def test_the_house_place_is_searched_before_it_is_made(connected, as_role, staff):
    Venue.objects.all().delete()
    form = {
        "name": "Huis met vele kamers",
        "street": "Kerkstraat 1",
        "postal_code": "9000",
        "city": "Gent",
    }
    client = as_role("staff")
    assert client.post(reverse("uitdatabank:place_link"), form).status_code == 302
    assert len(connected.places) == 1
    place_id = Venue.objects.get(key="house").place_id
    assert client.post(reverse("uitdatabank:place_link"), form).status_code == 302
    assert len(connected.places) == 1
    assert Venue.objects.get(key="house").place_id == place_id
    assert AuditEntry.objects.filter(action="uitdatabank.place_linked", actor=staff).count() == 2
    page = client.get(reverse("uitdatabank:connect"))
    assert place_id in page.content.decode()


def test_without_credentials_staff_are_told(settings, as_role):
    settings.UITDATABANK_CLIENT_ID = ""
    response = as_role("staff").post(
        reverse("uitdatabank:organizer_create"), {"name": "Huis", "url": "https://huis.example.be"}
    )
    assert response.status_code == 400
    assert "UITDATABANK" not in response.content.decode()
    assert not HouseOrganizer.objects.exists()
