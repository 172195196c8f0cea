"""Every page of the rooms, for every role; and what the calendar tells whom.

The calendar is public, but it names what a booking is for only to the house's people and to
the partner whose booking it is; everyone else reads "in use". Partners book; the house decides.
The last test lists every URL pattern of the app and fails when one has no row here.
"""

import pytest
from django.urls import get_resolver, reverse
from django.utils import translation

from huis.rooms import partner_services
from huis.rooms.models import PartnerBooking
from tests.conftest import ROLE_FIXTURES
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)

from .factories import bookable_room, moment

pytestmark = pytest.mark.django_db

LOGIN = "login"
HOUSE = {"staff", "coordinator", "administrator"}
PARTNERS = {"partner_a", "partner_b", "administrator"}  # an administrator holds every role


def _public(role):
    return 200


def _partners(role):
    if role == "anonymous":
        return LOGIN
    return 200 if role in PARTNERS else 403


def _house(role):
    if role == "anonymous":
        return LOGIN
    return 200 if role in HOUSE else 403


def _own_or_house(role):
    """A's booking: A's workers and the house; nobody else learns it exists."""
    if role == "anonymous":
        return LOGIN
    return 302 if role in HOUSE | {"partner_a"} else 404


def _house_decides(role):
    """A's worker sees the booking but may not approve it (403); others do not see it (404)."""
    if role == "anonymous":
        return LOGIN
    if role in HOUSE:
        return 302
    return 403 if role == "partner_a" else 404


# url name -> (method, object key, expected(role))
MATRIX = {
    "rooms:calendar": ("get", None, _public),
    "rooms:book": ("get", None, _partners),
    "rooms:mine": ("get", None, _partners),
    "rooms:cancel": ("post", "booking", _own_or_house),
    "rooms:requests": ("get", None, _house),
    "rooms:approve": ("post", "booking", _house_decides),
    "rooms:refuse": ("post", "booking", _house_decides),
    "rooms:rules": ("get", None, _house),
    "rooms:rules_edit": ("get", "room", _house),
}


@pytest.fixture(scope="module")
def objects(partner_a, organisation_a):
    room = bookable_room(name="Leslokaal 1", needs_approval=True)
    booking = partner_services.partner_booking_request(
        actor=partner_a,
        organisation=organisation_a,
        room=room,
        starts_at=moment(2, 10),
        ends_at=moment(2, 12),
        purpose="Geheim teamoverleg",
    )
    return {"room": room, "booking": booking}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, expected = MATRIX[url_name]
    url = reverse(url_name, kwargs={"pk": objects[key].pk} if key else {})
    response = getattr(as_role(role), method)(url)
    want = expected(role)
    if want == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == want, (url_name, role, response.status_code)


def test_every_url_of_the_app_has_an_access_test():
    resolver = get_resolver().namespace_dict["rooms"][1]
    names = {f"rooms:{p.name}" for p in resolver.url_patterns if getattr(p, "name", None)}
    assert names == set(MATRIX)


def _calendar(client):
    url = reverse("rooms:calendar") + "?weergave=dag&dag=" + moment(2, 10).date().isoformat()
    with translation.override("nl"):
        return client.get(url, HTTP_ACCEPT_LANGUAGE="nl").text


@pytest.mark.parametrize(
    "role,sees",
    [
        ("anonymous", False),
        ("visitor", False),
        ("partner_b", False),
        ("partner_a", True),
        ("staff", True),
    ],
)
def test_the_calendar_names_a_booking_only_to_its_partner_and_the_house(
    role, sees, objects, as_role
):
    html = _calendar(as_role(role))
    assert "Leslokaal 1" in html and "10:00" in html and "12:00" in html
    assert ("Geheim teamoverleg" in html) is sees
    assert ("Partner A" in html) is sees


def test_a_refused_booking_leaves_the_calendar_and_the_partner_reads_why(
    objects, as_role, partner_a
):
    staff_client = as_role("staff")
    booking = objects["booking"]
    staff_client.post(reverse("rooms:refuse", args=[booking.pk]), {"reason": "Dan is er onderhoud"})
    booking.refresh_from_db()
    assert booking.status == PartnerBooking.Status.REFUSED
    assert "Geheim teamoverleg" not in _calendar(staff_client)
    staff_client.force_login(partner_a)
    assert "Dan is er onderhoud" in staff_client.get(reverse("rooms:mine")).text


def test_the_dashboard_and_the_menus_lead_to_the_pages(objects, as_role):
    html = as_role("staff").get(reverse("core:dashboard")).text
    assert reverse("rooms:requests") in html and reverse("rooms:calendar") in html
    assert "1 aanvraag wacht op goedkeuring." in html  # nl-BE, the default
    partner_home = as_role("partner_a").get(reverse("core:home")).text
    assert f'href="{reverse("rooms:calendar")}"' in partner_home
    assert reverse("rooms:book") in as_role("partner_a").get(reverse("rooms:calendar")).text
