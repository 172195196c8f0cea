"""Fixtures for the network: a charter, a referral from partner A to partner B with the person's
consent, a guidance agreement led by A with B involved, a welcoming place of A's making."""

import datetime as dt

import pytest
from django.utils import timezone

from huis.accounts.models import Membership
from huis.core.dates import add_months
from netwerk import services
from netwerk.models import WelcomingPlace


@pytest.fixture(autouse=True)
def english(client, settings):
    """Tests read messages in English; the browser and accessibility tests ask for Dutch."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def partner_a_contact(partner_a, organisation_a):
    """Partner A is the contact person of organisation A: they sign the charter for it."""
    Membership.objects.filter(user=partner_a, organisation=organisation_a).update(
        function=Membership.Function.CONTACT
    )
    return partner_a


@pytest.fixture
def charter(coordinator):
    return services.charter_publish(
        actor=coordinator, title="Charter van het netwerk", body="We werken samen."
    )


@pytest.fixture
def referral(partner_a, organisation_a, organisation_b):
    return services.referral_create(
        actor=partner_a,
        from_organisation=organisation_a,
        to_organisation=organisation_b,
        question="Zoekt een plek om te wonen.",
        minimum_needed="Woont nu bij een vriend.",
        consent_given=True,
        items=["question", "contact"],
        alias="Mila",
        contact="0470 12 34 56",
    )


@pytest.fixture
def person(referral):
    return referral.person


@pytest.fixture
def guidance(partner_a, organisation_a, organisation_b, person):
    today = timezone.localdate()
    return services.guidance_create(
        actor=partner_a,
        person=person,
        lead_organisation=organisation_a,
        partners=[organisation_b],
        starts_on=today,
        ends_on=add_months(today, 6),
        goals="Een woning vinden.",
    )


@pytest.fixture
def evaluation(guidance, partner_a):
    return services.evaluation_plan(
        agreement=guidance,
        planned_on=timezone.localdate() + dt.timedelta(days=30),
        actor=partner_a,
    )


@pytest.fixture
def place(partner_a, organisation_a):
    place = services.place_create(
        actor=partner_a,
        details=services.PlaceDetails(
            name="Petanqueclub De Boule",
            kind="sport",
            offer="Iedereen welkom om mee te spelen.",
            address="Parklaan 1",
            municipality="Gent",
            when="Woensdag 14–17 uur",
            partner=organisation_a,
        ),
    )
    WelcomingPlace.objects.filter(pk=place.pk).update(is_published=True)
    place.refresh_from_db()
    return place


@pytest.fixture
def learning_group(coordinator, partner_a, expert):
    """An intervision group led by partner A, with partner A and an expert by experience as
    members; partner B is not in it."""
    from netwerk.services import learning

    return learning.group_create(
        actor=coordinator,
        name="Intervisie outreach",
        kind="intervision",
        description="Casussen bespreken.",
        coordinator=partner_a,
        members=[partner_a, expert],
    )


@pytest.fixture
def learning_session(learning_group, partner_a):
    from netwerk.services import learning
    from tests.factories import RoomFactory

    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=10)
    return learning.session_plan(
        group=learning_group,
        actor=partner_a,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        capacity=8,
        room=RoomFactory(),
        agenda="Casus van Mila bespreken.",
    )
