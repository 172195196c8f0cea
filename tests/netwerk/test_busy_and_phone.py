"""Consolidation guards of the network: a row someone else holds answers "busy" on the page (a
form view and a POST view), a place's phone number is stored one way (E.164), and the typed
service arguments turn a misspelt field into an error at the call."""

import contextlib
import threading

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse

from huis.core.locking import lock
from netwerk import services
from netwerk.models import Referral, WelcomingPlace

BUSY = "try again in a moment"


@contextlib.contextmanager
def held(model, pk):
    """Another connection holds the row's lock until the block ends."""
    locked, release = threading.Event(), threading.Event()

    def holder():
        try:
            with transaction.atomic():
                lock(model.objects, pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    assert locked.wait(10)
    try:
        yield
    finally:
        release.set()
        thread.join(10)


@pytest.mark.django_db(transaction=True)
@override_settings(LOCK_TIMEOUT_MS=300)
def test_a_held_referral_gives_busy_on_the_decline_form_and_on_accept(client, referral, partner_b):
    client.force_login(partner_b)
    with held(Referral, referral.pk):
        page = client.post(
            reverse("netwerk:referral_decline", args=[referral.pk]), {"reason": "Geen plaats."}
        )
        assert page.status_code == 200  # the form again, with the message, nothing saved
        assert BUSY in page.text
        answer = client.post(reverse("netwerk:referral_accept", args=[referral.pk]))
        assert answer.status_code == 409
        assert BUSY in answer.text
    referral.refresh_from_db()
    assert referral.status == Referral.Status.SENT
    # Once the other one is done, the same step goes through.
    client.post(reverse("netwerk:referral_accept", args=[referral.pk]))
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACCEPTED


def _place_form(**changes):
    return {
        "name": "Buurthuis De Kring",
        "kind": "meeting",
        "offer": "Koffie en een babbel.",
        "when": "Dinsdag 14–17 uur",
        "address": "Kerkstraat 3",
        "municipality": "Gent",
        "contact_name": "Onthaal",
        "contact_phone": "0470/12.34.56",
        **changes,
    }


def test_a_place_phone_is_stored_as_e164_and_shown_the_belgian_way(
    client, partner_a, organisation_a
):
    client.force_login(partner_a)
    response = client.post(reverse("netwerk:place_create"), _place_form(partner=organisation_a.pk))
    assert response.status_code == 302
    place = WelcomingPlace.objects.get(name="Buurthuis De Kring")
    assert place.contact_phone == "+32470123456"
    edit = client.get(reverse("netwerk:place_update", args=[place.pk]))
    assert 'value="0470 12 34 56"' in edit.text
    WelcomingPlace.objects.filter(pk=place.pk).update(is_published=True)
    page = client.get(reverse("netwerk:place_detail", args=[place.slug]))
    assert 'href="tel:+32470123456"' in page.text
    assert "0470 12 34 56" in page.text


@pytest.mark.parametrize("phone", ["<script>alert(1)</script>", "bel me maar", "12"])
def test_a_place_phone_that_is_no_number_is_refused_in_plain_words(client, partner_a, phone):
    client.force_login(partner_a)
    response = client.post(reverse("netwerk:place_create"), _place_form(contact_phone=phone))
    assert response.status_code == 200
    assert "not a phone number we can use" in response.text
    assert not WelcomingPlace.objects.exists()


def test_a_misspelt_place_field_is_an_error_at_the_call(partner_a):
    with pytest.raises(TypeError):
        services.PlaceDetails(
            name="X", kind="sport", offer="-", address="-", municipality="-", when="-", adress="-"
        )


def test_guidance_end_ends_once_and_is_recorded(guidance, partner_a):
    from huis.audit.models import AuditEntry

    services.guidance_end(agreement=guidance, actor=partner_a)
    services.guidance_end(agreement=guidance, actor=partner_a)  # already ended: nothing changes
    guidance.refresh_from_db()
    assert guidance.status == guidance.Status.ENDED
    assert AuditEntry.objects.filter(action="netwerk.guidance_ended").count() == 1


def test_every_place_detail_is_a_field_of_the_place():
    from dataclasses import fields

    from huis.core.content_language import translated_fields

    model_fields = {f.name for f in WelcomingPlace._meta.get_fields()}
    # `translations` carries the French and English of the translated fields (offer_fr, ...).
    assert {f.name for f in fields(services.PlaceDetails)} - {"translations"} <= model_fields
    assert {f"{name}_{code}" for name in translated_fields(WelcomingPlace) for code in ("fr", "en")}
    assert {
        f"{name}_{code}" for name in translated_fields(WelcomingPlace) for code in ("fr", "en")
    } <= model_fields
