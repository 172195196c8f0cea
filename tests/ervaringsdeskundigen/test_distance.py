"""How far an expert travels, for real: approximate town centres from the managed list of places,
the haversine distance between them, and matching that says "about N km, within/over"."""

import pytest
from django.urls import reverse

from ervaringsdeskundigen.geo import haversine_km
from ervaringsdeskundigen.matching import rank_experts
from ervaringsdeskundigen.models import Region

from .factories import ExpertFactory, ExpertRequestFactory, region

pytestmark = pytest.mark.django_db


def test_haversine_against_known_distances():
    # Gent – Brussel is about 50 km as the crow flies; Antwerpen – Brussel about 41 km.
    gent, brussel, antwerpen = region("Gent"), region("Brussel"), region("Antwerpen")
    assert (
        48 <= haversine_km(gent.latitude, gent.longitude, brussel.latitude, brussel.longitude) <= 53
    )
    assert (
        39
        <= haversine_km(
            antwerpen.latitude, antwerpen.longitude, brussel.latitude, brussel.longitude
        )
        <= 44
    )
    assert haversine_km(gent.latitude, gent.longitude, gent.latitude, gent.longitude) == 0


def test_the_managed_list_covers_flanders_and_brussels():
    names = set(Region.objects.values_list("name", flat=True))
    assert {"Brussel", "Schaarbeek", "Antwerpen", "Gent", "Brugge", "Leuven", "Hasselt"} <= names
    assert Region.objects.filter(province="Brussel").count() == 19
    # Every centre lies in Flanders or Brussels (a typo in a coordinate would land elsewhere).
    for place in Region.objects.all():
        assert 50.6 < float(place.latitude) < 51.55, place
        assert 2.5 < float(place.longitude) < 5.95, place


@pytest.mark.parametrize(
    ("travel_km", "within"),
    [(60, True), (51, True), (49, False), (10, False)],
)
def test_matching_says_about_n_km_within_or_over_the_limit(travel_km, within):
    request = ExpertRequestFactory(place_region=region("Gent"), region="Gent")
    ExpertFactory(home_region=region("Brussel"), region="Brussel", travel_km=travel_km)
    [match] = rank_experts(request=request)
    assert match.distance_km == 50
    text = " ".join(match.reasons + match.warnings)
    if within:
        assert f"About 50 km away: within their {travel_km} km" in match.reasons
    else:
        assert f"About 50 km away: over their {travel_km} km" in match.warnings
    assert "About 50 km" in text


def test_closer_experts_rank_higher_all_else_equal():
    request = ExpertRequestFactory(place_region=region("Gent"))
    far = ExpertFactory(user__display_name="Ver", home_region=region("Hasselt"), travel_km=200)
    near = ExpertFactory(user__display_name="Dichtbij", home_region=region("Gent"), travel_km=200)
    over = ExpertFactory(user__display_name="Te ver", home_region=region("Hasselt"), travel_km=20)
    assert [m.expert for m in rank_experts(request=request)] == [near, far, over]


def test_without_a_place_the_names_are_compared_as_before():
    request = ExpertRequestFactory(place_region=None, region="Gent")
    ExpertFactory(home_region=region("Brussel"), region="Gent")
    [match] = rank_experts(request=request)
    assert match.distance_km is None
    assert "Same region" in match.reasons


def test_the_public_form_offers_the_places_and_the_request_page_shows_the_distance(as_role, client):
    form = client.get(reverse("ervaringsdeskundigen:request_create")).text
    assert 'name="place_region"' in form and ">Schaarbeek<" in form
    request = ExpertRequestFactory(place_region=region("Gent"))
    ExpertFactory(home_region=region("Aalst"), travel_km=40)
    page = as_role("coordinator").get(
        reverse("ervaringsdeskundigen:request_detail", args=[request.pk])
    )
    assert page.status_code == 200
    assert "26 km" in page.text  # Gent – Aalst, about 26 km as the crow flies
