"""Who reaches the people and organisations pages and an invitation (issue #25)."""

import pytest
from django.urls import reverse

from huis.accounts import imports, invitations, phone_login
from tests.conftest import ROLE_FIXTURES
from tests.factories import UserFactory
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)
from tests.trust.matrix import LOGIN, assert_answer, expected_answer

pytestmark = pytest.mark.django_db

COORDINATORS = {"coordinator", "administrator"}
HOUSE = {"staff", "coordinator", "administrator"}


def _house(role, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in HOUSE else 403


def _coordinators(role, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in COORDINATORS else 403


MATRIX = {
    "people:list": ("get", None, _coordinators),
    "people:invite": ("get", None, _coordinators),
    "people:person": ("get", "person", _coordinators),
    # An organisation's onboarding: coordinators (and its own contact person, tested apart).
    "people:organisation": ("get", "organisation", _coordinators),
    "people:person_roles": ("post", "person", lambda r: _coordinators(r, 302)),
    "people:person_deactivate": ("post", "person", lambda r: _coordinators(r, 302)),
    # The person logs in by email: refused with the reason (400) for those who may send.
    "people:person_phone_login": ("post", "person", lambda r: _coordinators(r, 400)),
    # The text message's link: a page with one button for whoever holds it.
    "accounts:phone_login": ("get", "phone_login", lambda r: 200),
    # The emailed link: anyone holding it sees what it is for.
    "people:invitation": ("get", "invitation", lambda r: 200),
    # Importing people: the house's own people.
    "people:import": ("get", None, _house),
    "people:import_batch": ("get", "batch", _house),
    "people:import_commit": ("post", "batch", lambda r: _house(r, 302)),
    "people:import_undo": ("post", "committed", lambda r: _house(r, 302)),
}


@pytest.fixture(scope="module")
def objects(coordinator, organisation_a):
    invitation = invitations.invitation_create(
        email="new@partner.example",
        display_name="Nieuw",
        organisation=organisation_a,
        role="partner_worker",
        actor=coordinator,
    )
    content = b"name,email\nEls,els@example.org\n"
    batch = imports.import_preview(filename="a.csv", content=content, invite=False, actor=None)
    committed = imports.import_commit(
        batch=imports.import_preview(
            filename="b.csv",
            content=b"name,email\nJan,jan@example.org\n",
            invite=False,
            actor=None,
        ),
        actor=None,
    )
    return {
        "batch": {"pk": batch.pk},
        "committed": {"pk": committed.pk},
        "person": {"pk": UserFactory(phone="+3292234567").pk},
        "phone_login": {
            "token": phone_login.login_token(
                UserFactory(email="", display_name="Gert", phone="+32470123456")
            )
        },
        "invitation": {"token": invitations.invitation_token(invitation)},
        "organisation": {"pk": organisation_a.pk},
    }


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, _expected = MATRIX[url_name]
    kwargs = objects[key] if key else {}
    response = getattr(as_role(role), method)(reverse(url_name, kwargs=kwargs))
    assert_answer(response, expected_answer(MATRIX[url_name], role), where=f"{url_name} {role}")


def test_an_unknown_person_is_404_for_a_coordinator(as_role):
    url = reverse("people:person", kwargs={"pk": 999999})
    assert as_role("coordinator").get(url).status_code == 404


def test_a_broken_invitation_link_is_a_400(client):
    url = reverse("people:invitation", kwargs={"token": "broken"})
    assert client.get(url).status_code == 400
