"""Who reaches which page of ontmoeting. A guard test fails when a URL has no access test."""

import pytest
from django.urls import get_resolver, reverse

from huis.places.services import claim_make_token
from ontmoeting.services import registration_create
from tests.conftest import ROLE_FIXTURES
from tests.factories import ActivityFactory, OpenHoursFactory

pytestmark = pytest.mark.django_db

HOUSE = {"staff", "coordinator", "administrator"}

PUBLIC_GET = ["home", "activity", "activity_ics", "agenda_feed", "manage"]
PRIVATE_GET = ["mine"]
OWN_POST = ["mine_cancel", "mine_accept"]
TOKEN_POST = ["manage_cancel", "manage_accept"]
PUBLIC_POST = ["sign_up"]
STAFF_GET = [
    "staff_list",
    "activity_create",
    "staff_activity",
    "activity_update",
    "staff_sign_up",
    "attendance",
    "attendance_csv",
    "walk_in",
    "open_hours_create",
    "open_hours_update",
    "overview",
]
STAFF_POST = [
    "activity_publish",
    "activity_cancel",
    "activity_walk_ins",
    "claim_attendance",
    "claim_move_up",
    "claim_cancel",
]
COVERED = set(
    PUBLIC_GET + PRIVATE_GET + OWN_POST + TOKEN_POST + PUBLIC_POST + STAFF_GET + STAFF_POST
)


def test_every_url_of_ontmoeting_has_an_access_test():
    names = {p.name for p in get_resolver("ontmoeting.urls").url_patterns}
    assert names | {"agenda_feed"} == COVERED
    assert reverse("agenda_feed") == "/agenda.ics"


@pytest.fixture
def world(visitor):
    activity = ActivityFactory(capacity=3)
    claim = registration_create(activity=activity, actor=visitor, user=visitor)
    return {"activity": activity, "claim": claim, "hours": OpenHoursFactory()}


def url_for(name, world):
    activity, claim = world["activity"], world["claim"]
    token = claim_make_token(claim=claim, valid_until=activity.ends_at)
    args = {
        "home": [],
        "agenda_feed": [],
        "mine": [],
        "staff_list": [],
        "activity_create": [],
        "walk_in": [],
        "open_hours_create": [],
        "overview": [],
        "activity": [activity.pk, activity.slug],
        "activity_ics": [activity.pk, activity.slug],
        "sign_up": [activity.pk, activity.slug],
        "manage": [token],
        "manage_cancel": [token],
        "manage_accept": [token],
        "mine_cancel": [claim.pk],
        "mine_accept": [claim.pk],
        "open_hours_update": [world["hours"].pk],
        "claim_attendance": [claim.pk],
        "claim_move_up": [claim.pk],
        "claim_cancel": [claim.pk],
    }.get(name, [activity.pk])
    return reverse(name if name == "agenda_feed" else f"ontmoeting:{name}", args=args)


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("name", PUBLIC_GET)
def test_public_pages_are_open_to_everyone(as_role, world, role, name):
    assert as_role(role).get(url_for(name, world)).status_code == 200


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_my_activities_needs_an_account(as_role, world, role):
    response = as_role(role).get(url_for("mine", world))
    if role == "anonymous":
        assert response.status_code == 302 and "/account/login/" in response.url
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("name", OWN_POST)
def test_own_sign_up_owner_and_house_only(as_role, world, role, name):
    response = as_role(role).post(url_for(name, world))
    if role == "anonymous":
        assert response.status_code == 302 and "/account/login/" in response.url
    elif role == "visitor":  # the owner
        assert response.status_code in (302, 400)  # accepting a confirmed place is a no-op
    elif role in HOUSE:
        assert response.status_code in (302, 400)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "visitor_b"])
@pytest.mark.parametrize("name", TOKEN_POST + PUBLIC_POST)
def test_signed_links_and_sign_up_need_no_login(as_role, world, role, name):
    response = as_role(role).post(url_for(name, world), {"name": "X", "email": "x@test.example"})
    assert response.status_code in (302, 400)
    assert "/account/login/" not in response.get("Location", "")


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("name", STAFF_GET)
def test_staff_pages(as_role, world, role, name):
    response = as_role(role).get(url_for(name, world))
    if role == "anonymous":
        assert response.status_code == 302 and "/account/login/" in response.url
    elif role in HOUSE:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("name", STAFF_POST)
def test_staff_actions(as_role, world, role, name):
    response = as_role(role).post(url_for(name, world), {"reason": "r", "count": "1"})
    if role == "anonymous":
        assert response.status_code == 302 and "/account/login/" in response.url
    elif role in HOUSE:
        assert response.status_code in (302, 400)
    else:
        assert response.status_code == 403


def test_staff_pages_of_unknown_objects_are_404(as_role):
    client = as_role("staff")
    assert client.get(reverse("ontmoeting:staff_activity", args=[999999])).status_code == 404
    assert client.post(reverse("ontmoeting:claim_cancel", args=[999999])).status_code == 404
