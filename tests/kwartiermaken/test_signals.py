"""Signals: from an outreach entry or on their own; each organisation sees its own."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kwartiermaken.models import Signal

pytestmark = pytest.mark.django_db


def _signal_data(neighbourhood, **overrides):
    data = {
        "observed_on": timezone.localdate().isoformat(),
        "category": "paperwork",
        "neighbourhood": neighbourhood.pk,
        "service": "Huurpremie Vlaanderen",
        "description": "Het formulier is alleen online en heel lang.",
        "times_seen": "3",
    }
    data.update(overrides)
    return data


def test_a_signal_from_an_entry_takes_its_neighbourhood_and_links_back(
    client, partner_a, organisation_a, entry_a, other_neighbourhood
):
    client.force_login(partner_a)
    url = reverse("kwartiermaken:signal_create") + f"?werk={entry_a.pk}"
    form = client.get(url)
    assert form.context["form"].initial["neighbourhood"] == entry_a.neighbourhood_id
    response = client.post(url, _signal_data(entry_a.neighbourhood, organisation=organisation_a.pk))
    signal = Signal.objects.get()
    assert response.url == signal.get_absolute_url()
    assert signal.entry == entry_a
    assert signal.organisation == organisation_a
    assert signal.times_seen == 3
    detail = client.get(reverse("kwartiermaken:entry_detail", args=[entry_a.pk]))
    assert signal.get_absolute_url() in detail.text


def test_a_signal_on_its_own(client, partner_a, organisation_a, neighbourhood):
    client.force_login(partner_a)
    response = client.post(
        reverse("kwartiermaken:signal_create"),
        _signal_data(neighbourhood, organisation=organisation_a.pk, category="gap", service=""),
    )
    assert response.status_code == 302
    assert Signal.objects.get().entry is None


def test_partner_a_cannot_attach_a_signal_to_partner_bs_entry(
    client, partner_a, organisation_a, entry_b
):
    client.force_login(partner_a)
    url = reverse("kwartiermaken:signal_create") + f"?werk={entry_b.pk}"
    assert client.get(url).status_code == 404
    response = client.post(url, _signal_data(entry_b.neighbourhood, organisation=organisation_a.pk))
    assert response.status_code == 404
    assert not Signal.objects.exists()


def test_a_missing_description_and_a_zero_count_are_explained(
    client, partner_a, organisation_a, neighbourhood
):
    client.force_login(partner_a)
    response = client.post(
        reverse("kwartiermaken:signal_create"),
        _signal_data(neighbourhood, organisation=organisation_a.pk, description="", times_seen="0"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "description" in errors
    assert "times_seen" in errors
    assert 'value="Huurpremie Vlaanderen"' in response.text


def test_signal_list_and_search_are_narrowed_to_the_organisation(
    client, partner_a, coordinator, signal_a, signal_b
):
    client.force_login(partner_a)
    assert client.get(reverse("kwartiermaken:signal_list")).context["signals"] == [signal_a]
    found = client.get(reverse("kwartiermaken:signal_list"), {"zoek": "OCMW"})
    assert found.context["signals"] == [signal_a]
    client.force_login(coordinator)
    assert set(client.get(reverse("kwartiermaken:signal_list")).context["signals"]) == {
        signal_a,
        signal_b,
    }


def test_partner_b_cannot_change_partner_as_signal(client, partner_b, signal_a, neighbourhood):
    client.force_login(partner_b)
    response = client.post(
        reverse("kwartiermaken:signal_update", args=[signal_a.pk]),
        _signal_data(neighbourhood, description="Overschreven"),
    )
    assert response.status_code == 404
    signal_a.refresh_from_db()
    assert signal_a.description != "Overschreven"
