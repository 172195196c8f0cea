"""The inbox, sent list, guidance lists, network page and public places cost the same number of
queries with few or many rows (measured after a warm-up, at two sizes)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from huis.core.dates import add_months
from netwerk import services
from netwerk.models import WelcomingPlace
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def grow(partner_a, partner_b, organisation_a, organisation_b, coordinator):
    today = timezone.localdate()

    def add(n: int) -> None:
        for i in range(n):
            referral = services.referral_create(
                actor=partner_a,
                from_organisation=organisation_a,
                to_organisation=organisation_b,
                question=f"Vraag {i}",
                consent_given=True,
                alias=f"Persoon {i}",
            )
            if i % 3 == 0:
                services.consent_withdraw(consent=referral.consent, actor=partner_a)
            elif i % 3 == 1:
                services.referral_accept(referral=referral, actor=partner_b)
                agreement = services.guidance_create(
                    actor=partner_b,
                    person=referral.person,
                    referral=referral,
                    lead_organisation=organisation_b,
                    partners=[organisation_a],
                    starts_on=today,
                    ends_on=add_months(today, 7),
                )
                if i % 2:
                    services.guidance_leave(
                        agreement=agreement,
                        organisation=organisation_b,
                        actor=partner_b,
                        reason="Stopt.",
                    )
            org = OrganisationFactory()
            contact = UserFactory()
            MembershipFactory(user=contact, organisation=org, function="contact")
            place = services.place_create(
                actor=coordinator,
                details=services.PlaceDetails(
                    name=f"Plek {org.pk}",
                    kind="sport",
                    offer="Welkom.",
                    address="Straat 1",
                    municipality="Gent",
                    when="Altijd",
                    partner=org,
                    latitude=51.05 + i / 1000,
                    longitude=3.72,
                ),
            )
            WelcomingPlace.objects.filter(pk=place.pk).update(is_published=True)

    return add


def _count(client, url, data=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, data)
    assert response.status_code == 200, url
    return len(queries)


PAGES = [
    ("partner_b", "netwerk:referral_list", {"lijst": "in"}),
    ("partner_a", "netwerk:referral_list", {"lijst": "out"}),
    ("coordinator", "netwerk:referral_list", {"lijst": "all"}),
    ("partner_a", "netwerk:guidance_list", None),
    ("coordinator", "netwerk:guidance_without_lead", None),
    ("partner_a", "netwerk:home", None),
    ("partner_a", "netwerk:network", None),
    ("anonymous", "netwerk:place_list", None),
    ("anonymous", "netwerk:place_map", None),
]


@pytest.mark.parametrize(("role", "url_name", "data"), PAGES)
def test_page_costs_a_fixed_number_of_queries(role, url_name, data, grow, as_role):
    client = as_role(role)
    url = reverse(url_name)
    client.get(url, data)
    counts = []
    for size in (2, 20):
        grow(size)
        counts.append(_count(client, url, data))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 25, counts
