"""Every page of vrijwilligers, for every role: 200/302, login, 403 or 404.

The role fixtures hold no volunteer: a volunteer's own pages answer 403 to everyone logged in
(administrators too: they have no volunteer profile) and are tested with a volunteer in
test_pages.py. The house (staff, coordinators) sees the boards and shifts; only coordinators plan
and see people (someone's application or profile: 404 to all others). The public page to apply
and the private feed (its token is the key) are open.
The last test lists every URL pattern of the app and fails when one has no row here.
"""

import datetime as dt

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from tests.conftest import ROLE_FIXTURES
from tests.ervaringsdeskundigen.factories import rates
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)
from vrijwilligers import services
from vrijwilligers.models import ShiftHours

from .factories import move_to_past, shift, volunteer

pytestmark = pytest.mark.django_db

LOGIN = "login"
HOUSE = {"staff", "coordinator", "administrator"}
COORDINATORS = {"coordinator", "administrator"}


def _public(role):
    return 200


def _volunteers_only(role):
    return LOGIN if role == "anonymous" else 403


def _house(role):
    if role == "anonymous":
        return LOGIN
    return 200 if role in HOUSE else 403


def _coordinators(role, *, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in COORDINATORS else 403


def _coordinators_object(role, *, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in COORDINATORS else 404


# url name -> (method, object key, expected(role))
MATRIX = {
    "vrijwilligers:apply": ("get", None, _public),
    "vrijwilligers:apply_thanks": ("get", None, _public),
    "vrijwilligers:feed": ("get", "feed", _public),
    "vrijwilligers:mine": ("get", None, _volunteers_only),
    "vrijwilligers:my_hours": ("get", None, _volunteers_only),
    "vrijwilligers:feed_renew": ("post", None, _volunteers_only),
    "vrijwilligers:shift_detail": ("get", "shift", _house),
    "vrijwilligers:shift_sign_up": ("post", "shift", _volunteers_only),
    "vrijwilligers:shift_give_back": ("post", "shift", _volunteers_only),
    "vrijwilligers:swap_ask": ("post", "shift", _volunteers_only),
    "vrijwilligers:hours_report": ("post", "shift", _volunteers_only),
    "vrijwilligers:swap_take": ("post", "swap", _volunteers_only),
    "vrijwilligers:swap_withdraw": ("post", "swap", _volunteers_only),
    "vrijwilligers:board_week": ("get", None, _house),
    "vrijwilligers:board_month": ("get", None, _house),
    "vrijwilligers:shift_create": ("get", None, _coordinators),
    "vrijwilligers:series_create": ("get", None, _coordinators),
    "vrijwilligers:shift_update": ("get", "shift", _coordinators_object),
    # The empty POST gets past the access check and is refused with the reason (400).
    "vrijwilligers:shift_cancel": ("post", "shift", lambda r: _coordinators_object(r, ok=400)),
    "vrijwilligers:volunteer_list": ("get", None, _coordinators),
    "vrijwilligers:application_list": ("get", None, _coordinators),
    "vrijwilligers:application_detail": ("get", "application", _coordinators_object),
    "vrijwilligers:application_accept": (
        "post",
        "application",
        lambda r: _coordinators_object(r, ok=302),
    ),
    "vrijwilligers:application_decline": (
        "post",
        "application",
        lambda r: _coordinators_object(r, ok=302),
    ),
    "vrijwilligers:volunteer_detail": ("get", "volunteer", _coordinators_object),
    "vrijwilligers:volunteer_deactivate": (
        "post",
        "volunteer",
        lambda r: _coordinators_object(r, ok=302),
    ),
    "vrijwilligers:volunteer_reactivate": (
        "post",
        "volunteer",
        lambda r: _coordinators_object(r, ok=302),
    ),
    "vrijwilligers:hours_list": ("get", None, _coordinators),
    "vrijwilligers:hours_confirm": ("get", "hours", _coordinators_object),
    "vrijwilligers:figures": ("get", None, _coordinators),
}


@pytest.fixture(scope="module")
def objects(house_organisation):
    from tests.factories import UserFactory

    planner = UserFactory(display_name="Planner")
    first, second = volunteer("An"), volunteer("Bo")
    coming = shift(planner, needed=2)
    services.shift_sign_up(shift=coming, volunteer=first, actor=first.user)
    swap = services.swap_ask(shift=coming, volunteer=first, actor=first.user)
    worked = shift(planner, days=3)
    services.shift_sign_up(shift=worked, volunteer=second, actor=second.user)
    worked = move_to_past(worked, day=timezone.localdate() - dt.timedelta(days=2))
    hours = services.hours_report(shift=worked, volunteer=second, hours=3, km=0, actor=second.user)
    application = services.application_submit(
        name="Sara", email="sara@example.org", tasks=["kitchen"], message="Ik kook graag."
    )
    assert isinstance(hours, ShiftHours)
    return {
        "shift": coming,
        "swap": swap,
        "volunteer": second,
        "application": application,
        "hours": hours,
        "feed": first,
    }


def _kwargs(key, obj):
    if key is None:
        return {}
    if key == "feed":
        return {"token": obj.feed_token}
    return {"pk": obj.pk}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, expected = MATRIX[url_name]
    url = reverse(url_name, kwargs=_kwargs(key, objects.get(key)))
    client = as_role(role)
    response = getattr(client, method)(url)
    want = expected(role)
    if want == LOGIN:
        assert response.status_code == 302, (url_name, role, response.status_code)
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == want, (url_name, role)


def test_every_url_of_the_app_has_an_access_test():
    resolver = get_resolver().namespace_dict["vrijwilligers"][1]
    names = {f"vrijwilligers:{p.name}" for p in resolver.url_patterns if getattr(p, "name", None)}
    assert names == set(MATRIX)


def test_dashboard_leads_to_the_boards(as_role):
    html = as_role("coordinator").get(reverse("core:dashboard")).text
    for name in ["board_week", "board_month", "volunteer_list", "hours_list", "figures"]:
        assert reverse(f"vrijwilligers:{name}") in html
    staff = as_role("staff").get(reverse("core:dashboard")).text
    assert reverse("vrijwilligers:board_week") in staff
    assert f'href="{reverse("vrijwilligers:volunteer_list")}"' not in staff


def test_confirming_hours_is_a_post_after_the_quote(as_role, objects):
    rates()  # the legal figures (a transactional test elsewhere may have flushed them)
    client = as_role("coordinator")
    url = reverse("vrijwilligers:hours_confirm", args=[objects["hours"].pk])
    assert "44,02" in client.get(url).text  # the daily amount of the legal figures
    assert client.post(url).status_code == 302
    objects["hours"].refresh_from_db()
    assert objects["hours"].status == "confirmed"
    assert as_role("staff").post(url).status_code == 404


def test_a_short_or_unknown_feed_token_is_404(client):
    assert client.get(reverse("vrijwilligers:feed", args=["short"])).status_code == 404
    assert client.get(reverse("vrijwilligers:feed", args=["x" * 40])).status_code == 404
