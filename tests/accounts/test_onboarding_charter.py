"""The network's charter is part of an organisation's onboarding (issue #25): the contact person
who accepts the invitation lands on the organisation's onboarding, sees that the charter is not
signed and signs it (who, when, which version; audited); the people page shows who signed when,
or that it is not signed yet with the way to do it. The core shows it through the registry."""

import pytest
from django.conf import settings
from django.urls import reverse

from huis.accounts import invitations
from huis.accounts.models import Membership, User
from huis.audit.models import AuditEntry
from netwerk import services as network
from netwerk.models import CharterSignature

pytestmark = pytest.mark.django_db


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def charter(coordinator):
    return network.charter_publish(actor=coordinator, title="Charter", body="We work together.")


def test_the_contact_person_signs_the_charter_in_the_onboarding(
    client, coordinator, organisation_a, organisation_b, charter
):
    invitation = invitations.invitation_create(
        email="sofie@partner.example",
        display_name="Sofie",
        organisation=organisation_a,
        role="partner_worker",
        function=Membership.Function.CONTACT,
        actor=coordinator,
    )
    sofie = User.objects.get(email="sofie@partner.example")
    client = _english(client)
    client.force_login(sofie)
    link = reverse("people:invitation", kwargs={"token": invitations.invitation_token(invitation)})
    onboarding = reverse("people:organisation", kwargs={"pk": organisation_a.pk})
    assert client.post(link).url == onboarding
    page = client.get(onboarding).content.decode()
    assert "Charter not signed yet." in page
    assert f'href="{reverse("netwerk:charter")}">Read and sign the charter' in page

    signed = client.post(reverse("netwerk:charter_sign"), {"organisation": organisation_a.pk})
    assert signed.status_code == 302
    signature = CharterSignature.objects.get(organisation=organisation_a)
    assert (signature.signed_by, signature.charter) == (sofie, charter)
    assert AuditEntry.objects.filter(action="netwerk.charter_signed", actor=sofie).exists()
    page = client.get(onboarding).content.decode()
    assert "Charter signed on" in page and "by Sofie (version 1)" in page
    # Another organisation's onboarding is not theirs to see.
    other = reverse("people:organisation", kwargs={"pk": organisation_b.pk})
    assert client.get(other).status_code == 404


def test_the_people_page_shows_who_signed_and_who_did_not_yet(
    as_role, coordinator, organisation_a, organisation_b, charter
):
    CharterSignature.objects.create(
        organisation=organisation_a, charter=charter, signed_by_name="Anouk"
    )
    page = _english(as_role("coordinator")).get(reverse("people:list")).content.decode()
    at_a, at_b = page.index(organisation_a.name), page.index(organisation_b.name)
    part_a = page[at_a:at_b] if at_a < at_b else page[at_a:]
    assert "Charter signed on" in part_a and "by Anouk (version 1)" in part_a
    part_b = page[at_b:at_a] if at_b < at_a else page[at_b:]
    assert "Charter not signed yet." in part_b
    assert "The contact person reads and signs it on the charter page" in part_b


def test_only_a_coordinator_invites_a_contact_person(partner_a, organisation_a):
    Membership.objects.filter(user=partner_a).update(is_contact_person=True)
    with pytest.raises(invitations.PeopleError):
        invitations.invitation_create(
            email="boss@partner.example",
            display_name="Baas",
            organisation=organisation_a,
            role="partner_worker",
            function=Membership.Function.MANAGER,
            actor=partner_a,
        )
