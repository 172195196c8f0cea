"""Who reaches which page of ontmoeting, for every role: 200, login, 403 or 404.

`MATRIX` has one row per URL name (collected with every other app's by
tests/trust/test_access_matrix.py); the last test fails when a URL of the app has no row.
"""

import datetime as dt

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from huis.places.models import PlaceClaim
from huis.places.services import claim_make_token
from ontmoeting.services import proposal_submit, registration_create
from tests.conftest import ROLE_FIXTURES
from tests.factories import ActivityFactory
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)
from tests.trust.matrix import assert_answer, expected_answer

pytestmark = pytest.mark.django_db

HOUSE = {"staff", "coordinator", "administrator"}
LOGIN = "login"


def _public(role, *, ok=200):
    return ok


def _account(role):
    return LOGIN if role == "anonymous" else 200


def _own(role):
    # The sign-up belongs to `visitor`; the house may act on it too; others must not learn of it.
    if role == "anonymous":
        return LOGIN
    return 302 if role == "visitor" or role in HOUSE else 404


def _house(role, *, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in HOUSE else 403


# url name -> (method, object key, expected(role))
MATRIX = {
    "ontmoeting:home": ("get", None, _public),
    "ontmoeting:activity": ("get", "activity", _public),
    "ontmoeting:activity_ics": ("get", "activity", _public),
    "agenda_feed": ("get", None, _public),
    "ontmoeting:manage": ("get", "token", _public),
    "ontmoeting:feedback": ("get", "token", _public),
    "ontmoeting:sign_up": ("post", "open_activity", lambda r: _public(r, ok=302)),
    "ontmoeting:signed_up": ("get", "activity", _public),
    "ontmoeting:manage_cancel": ("post", "token", lambda r: _public(r, ok=302)),
    "ontmoeting:manage_accept": ("post", "token", lambda r: _public(r, ok=302)),
    "ontmoeting:mine": ("get", None, _account),
    "ontmoeting:mine_cancel": ("post", "claim", _own),
    "ontmoeting:mine_accept": ("post", "claim", _own),
    "ontmoeting:staff_list": ("get", None, _house),
    "ontmoeting:proposals": ("get", None, _public),
    "ontmoeting:propose": ("get", None, _public),
    "ontmoeting:proposal_status": ("get", "proposal_token", _public),
    "ontmoeting:staff_proposals": ("get", None, _house),
    "ontmoeting:staff_proposal_answer": ("get", "proposal", _house),
    "ontmoeting:activity_create": ("get", None, _house),
    "ontmoeting:staff_activity": ("get", "activity_pk", _house),
    "ontmoeting:activity_update": ("get", "activity_pk", _house),
    "ontmoeting:staff_sign_up": ("get", "activity_pk", _house),
    "ontmoeting:attendance": ("get", "activity_pk", _house),
    "ontmoeting:attendance_csv": ("get", "activity_pk", _house),
    "ontmoeting:walk_in": ("get", None, _house),
    "ontmoeting:overview": ("get", None, _house),
    "ontmoeting:activity_publish": ("post", "draft", lambda r: _house(r, ok=302)),
    "ontmoeting:activity_cancel": ("post", "activity_pk", lambda r: _house(r, ok=302)),
    "ontmoeting:activity_walk_ins": ("post", "activity_pk", lambda r: _house(r, ok=302)),
    "ontmoeting:claim_attendance": ("post", "today_claim", lambda r: _house(r, ok=302)),
    "ontmoeting:claim_move_up": ("post", "waiting_claim", lambda r: _house(r, ok=302)),
    "ontmoeting:claim_cancel": ("post", "claim", lambda r: _house(r, ok=302)),
}

POST_DATA = {
    "name": "Xavier",
    "email": "x@test.example",
    "reason": "Eerst",
    "count": "1",
    "attendance": "attended",
}


@pytest.fixture(scope="module")
def objects(visitor, visitor_b):
    activity = ActivityFactory(capacity=1)
    claim = registration_create(activity=activity, actor=visitor, user=visitor)
    waiting = registration_create(activity=activity, actor=visitor_b, user=visitor_b)
    assert waiting.status == PlaceClaim.Status.WAITING
    token = claim_make_token(claim=claim, valid_until=activity.ends_at)
    open_activity = ActivityFactory(capacity=5)
    draft = ActivityFactory(status="draft")
    soon = timezone.now() + dt.timedelta(hours=1)
    today = ActivityFactory(capacity=5, starts_at=soon, ends_at=soon + dt.timedelta(hours=1))
    today_claim = registration_create(activity=today, actor=visitor, user=visitor)
    proposal, proposal_token = proposal_submit(kind="idea", title="Een moestuin", text="Samen.")
    return {
        "open_activity": {"pk": open_activity.pk, "slug": open_activity.slug},
        "draft": {"pk": draft.pk},
        "today_claim": {"pk": today_claim.pk},
        "activity": {"pk": activity.pk, "slug": activity.slug},
        "activity_pk": {"pk": activity.pk},
        "claim": {"pk": claim.pk},
        "waiting_claim": {"pk": waiting.pk},
        "token": {"token": token},
        "proposal": {"pk": proposal.pk},
        "proposal_token": {"token": proposal_token},
    }


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, _expected = MATRIX[url_name]
    url = reverse(url_name, kwargs=objects[key] if key else {})
    client = as_role(role)
    response = client.post(url, POST_DATA) if method == "post" else client.get(url)
    assert_answer(response, expected_answer(MATRIX[url_name], role), where=f"{url_name} {role}")


def test_every_url_of_ontmoeting_has_an_access_test():
    resolver = get_resolver().namespace_dict["ontmoeting"][1]
    names = {f"ontmoeting:{p.name}" for p in resolver.url_patterns if getattr(p, "name", None)}
    assert names | {"agenda_feed"} == set(MATRIX)
    assert reverse("agenda_feed") == "/agenda.ics"


def test_staff_pages_of_unknown_objects_are_404(as_role):
    client = as_role("staff")
    assert client.get(reverse("ontmoeting:staff_activity", args=[999999])).status_code == 404
    assert client.post(reverse("ontmoeting:claim_cancel", args=[999999])).status_code == 404


def test_another_persons_sign_up_is_404_not_403(as_role, objects):
    client = as_role("visitor_b")
    url = reverse("ontmoeting:mine_cancel", kwargs=objects["claim"])
    assert client.post(url).status_code == 404
