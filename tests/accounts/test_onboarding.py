"""Onboarding without the Django admin (issue #25): a coordinator (or an organisation's contact
person) invites a worker by email; they accept by logging in with the emailed code; roles are
changed and a departing worker is deactivated after their open work is listed. Audited."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from huis.accounts import invitations
from huis.accounts.models import Invitation, Membership, User
from huis.accounts.roles import Role
from huis.audit.models import AuditEntry
from huis.notifications.services import notifications_send_due
from netwerk import services as network
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _sent() -> list:
    notifications_send_due()
    return mail.outbox


def _link_in(message) -> str:
    match = re.search(r"https?://[^\s]+/beheer/mensen/uitnodiging/[^\s/]+/", message.body)
    assert match, message.body
    return "/" + match.group(0).split("://", 1)[1].split("/", 1)[1]


def _code_from_last_mail() -> str:
    body = _sent()[-1].body
    match = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", body, re.MULTILINE)
    assert match, body
    return match.group(1)


def _invite(client, organisation, **extra):
    data = {
        "display_name": "Wout",
        "email": "wout@partner.example",
        "organisation": organisation.pk,
        "role": "partner_worker",
        "language": "nl",
    }
    data.update(extra)
    return client.post(reverse("people:invite"), data)


def test_invitation_accepted_by_logging_in_with_the_emailed_code(
    client, as_role, coordinator, organisation_a
):
    response = _invite(as_role("coordinator"), organisation_a)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.organisation == organisation_a and invitation.role == "partner_worker"
    (message,) = _sent()
    assert message.to == ["wout@partner.example"] and organisation_a.name in message.body
    link = _link_in(message)
    client.logout()
    page = client.get(link)
    assert page.status_code == 200 and organisation_a.name in page.content.decode()
    # Not logged in: the button leads to the login by code, and back.
    start = client.post(link)
    assert start.url.startswith(reverse("account_request_login_code"))
    response = client.post(reverse("account_request_login_code"), {"email": invitation.email})
    response = client.post(response.url, {"code": _code_from_last_mail()})
    assert response.status_code == 302
    accepted = client.post(link)
    assert accepted.status_code == 302
    user = User.objects.get(email="wout@partner.example")
    assert user.has_role(Role.PARTNER_WORKER)
    assert Membership.objects.filter(user=user, organisation=organisation_a).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert AuditEntry.objects.filter(action="accounts.invitation_sent", actor=coordinator).exists()
    assert AuditEntry.objects.filter(action="accounts.invitation_accepted", actor=user).exists()
    again = client.post(link)
    assert again.status_code == 400  # accepted once only


def test_an_expired_invitation_or_another_address_is_refused(coordinator, organisation_a, visitor):
    invitation = invitations.invitation_create(
        email="els@partner.example",
        display_name="Els",
        organisation=organisation_a,
        role="partner_worker",
        actor=coordinator,
    )
    with translation.override("en"), pytest.raises(invitations.PeopleError, match="another email"):
        invitations.invitation_accept(invitation=invitation, user=visitor)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(minutes=1)
    )
    els = User.objects.get(email="els@partner.example")
    with translation.override("en"), pytest.raises(invitations.PeopleError, match="expired"):
        invitations.invitation_accept(invitation=invitation, user=els)
    assert not els.has_role(Role.PARTNER_WORKER)


def test_a_contact_person_invites_own_colleagues_only(as_role, partner_a, organisation_a):
    Membership.objects.filter(user=partner_a).update(is_contact_person=True)
    client = as_role("partner_a")
    assert client.get(reverse("people:list")).status_code == 200
    assert _invite(client, organisation_a).status_code == 302
    other = OrganisationFactory()
    assert _invite(client, other, email="x@example.org").status_code == 400
    coordinator_role = _invite(client, organisation_a, email="y@example.org", role="coordinator")
    assert coordinator_role.status_code == 400
    assert Invitation.objects.count() == 1
    # The people page of a contact person shows their own organisation only.
    page = client.get(reverse("people:list"))
    assert [o.pk for o in page.context["organisations"]] == [organisation_a.pk]


def test_a_contact_person_finds_the_people_page_from_their_profile(as_role, partner_a):
    """Partner workers have no dashboard: their way in is their profile page."""
    people = reverse("people:list")
    client = as_role("partner_a")
    assert f'href="{people}"' not in client.get(reverse("accounts:profile")).content.decode()
    Membership.objects.filter(user=partner_a).update(is_contact_person=True)
    with translation.override("nl"):
        page = client.get(reverse("accounts:profile")).content.decode()
    assert f'href="{people}"' in page
    assert "Mensen van mijn organisatie" in page
    assert client.get(people).status_code == 200


def test_a_worker_who_is_not_a_contact_person_may_not_invite(as_role):
    assert as_role("partner_b").get(reverse("people:invite")).status_code == 403


def test_a_departing_worker_is_deactivated_after_their_open_work_is_listed(
    as_role, client, coordinator, partner_a, organisation_a, organisation_b
):
    referral = network.referral_create(
        actor=partner_a,
        from_organisation=organisation_a,
        to_organisation=organisation_b,
        question="Zoekt een plek om te wonen.",
        minimum_needed="Woont nu bij een vriend.",
        consent_given=True,
        items=["question"],
        alias="Mila",
        contact="0470 12 34 56",
    )
    staff_client = as_role("coordinator")
    page = staff_client.get(reverse("people:person", kwargs={"pk": partner_a.pk}))
    assert page.status_code == 200
    assert referral.get_absolute_url() in page.content.decode()
    response = staff_client.post(reverse("people:person_deactivate", kwargs={"pk": partner_a.pk}))
    assert response.status_code == 302
    partner_a.refresh_from_db()
    assert not partner_a.is_active
    assert not Membership.objects.filter(user=partner_a, ended_on__isnull=True).exists()
    entry = AuditEntry.objects.get(action="accounts.person_deactivated")
    assert entry.actor == coordinator and entry.data["open_work"] == 1
    # Deactivated: the login no longer works.
    theirs = Client()
    theirs.force_login(partner_a)
    assert theirs.get(reverse("accounts:profile")).status_code == 302
    again = staff_client.post(reverse("people:person_deactivate", kwargs={"pk": partner_a.pk}))
    assert again.status_code == 400


def test_roles_change_audited_and_administrator_only_by_an_administrator(
    as_role, coordinator, visitor
):
    url = reverse("people:person_roles", kwargs={"pk": visitor.pk})
    response = as_role("coordinator").post(url, {"roles": ["visitor", "expert"]})
    assert response.status_code == 302
    visitor.refresh_from_db()
    assert visitor.has_role(Role.EXPERT)
    entry = AuditEntry.objects.get(action="accounts.roles_changed")
    assert entry.data == {"added": ["expert"], "removed": []}
    refused = as_role("coordinator").post(url, {"roles": ["visitor", "administrator"]})
    assert refused.status_code == 400
    assert not User.objects.get(pk=visitor.pk).has_role(Role.ADMINISTRATOR)


def _people_page_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("people:list")).status_code == 200
    return len(queries)


def _grow(organisations: int, members: int) -> None:
    for _n in range(organisations):
        organisation = OrganisationFactory()
        for _m in range(members):
            user = UserFactory(roles=[Role.PARTNER_WORKER])
            MembershipFactory(user=user, organisation=organisation)


def test_the_people_page_costs_the_same_queries_at_two_sizes(as_role):
    client = as_role("coordinator")
    _grow(2, 2)
    client.get(reverse("people:list"))
    small = _people_page_queries(client)
    _grow(8, 6)
    client.get(reverse("people:list"))  # the writes above renewed the cached roles and menus
    assert _people_page_queries(client) == small
