"""A guest's own data from their signed link (issue #25): see, download, erase; audited."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from herstelacademie import services as college
from huis.audit.models import AuditEntry
from huis.notifications.models import Notification
from huis.places.models import PlaceClaim
from huis.places.services import claim_make_token
from ontmoeting.services import registration_create, registration_create_as_guest
from tests.conftest import ROLE_FIXTURES
from tests.factories import ActivityFactory
from tests.herstelacademie.factories import make_course
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)
from tests.trust.matrix import assert_answer, expected_answer

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def guest(expert, staff, visitor):
    """Els signed up as a guest for a full activity (a place) and a course (same address in
    capitals); the visitor waits for the activity."""
    activity = ActivityFactory(title="Koken", capacity=1)
    registration_create_as_guest(activity=activity, name="Els", email="els@example.org")
    registration_create(activity=activity, actor=visitor, user=visitor)
    course = make_course(title="Veerkracht", experts=[expert], professionals=[staff])
    college.enrollment_create_as_guest(course=course, name="Els", email="ELS@example.org")
    claim = PlaceClaim.objects.get(offering=activity.offering, name="Els")
    token = claim_make_token(claim=claim, valid_until=timezone.now() + timezone.timedelta(days=9))
    return {"token": token, "activity": activity, "claim": claim}


def test_a_guest_sees_and_downloads_everything_held_about_them(client, guest):
    url = reverse("accounts:guest_data", kwargs={"token": guest["token"]})
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Koken" in text and "Veerkracht" in text
    download = client.get(url, {"download": "json"})
    assert download["Content-Disposition"].startswith("attachment")
    data = json.loads(download.content)
    assert sorted(row["for"] for row in data["sign_ups"]) == ["Koken", "Veerkracht"]
    assert data["messages"]  # the confirmations
    assert all(m["to"].lower() == "els@example.org" for m in data["messages"])
    assert AuditEntry.objects.filter(action="accounts.guest_data_viewed").count() == 2


def test_a_guest_erases_their_data_and_the_place_goes_to_the_next(client, guest, visitor):
    url = reverse("accounts:guest_erase", kwargs={"token": guest["token"]})
    response = client.post(url)
    assert response.status_code == 200
    assert not PlaceClaim.objects.filter(email__iexact="els@example.org").exists()
    assert not PlaceClaim.objects.filter(name="Els").exists()
    assert not Notification.objects.filter(email__iexact="els@example.org").exists()
    promoted = PlaceClaim.objects.get(offering=guest["activity"].offering, user=visitor)
    assert promoted.status == PlaceClaim.Status.CONFIRMED
    entry = AuditEntry.objects.get(action="accounts.guest_data_erased")
    assert entry.data["sign_ups"] == 2
    after = client.get(reverse("accounts:guest_data", kwargs={"token": guest["token"]}))
    assert after.status_code == 200 and "Veerkracht" not in after.content.decode()


def test_a_broken_link_is_refused(client):
    assert client.get(reverse("accounts:guest_data", kwargs={"token": "x"})).status_code == 400
    assert client.post(reverse("accounts:guest_erase", kwargs={"token": "x"})).status_code == 400


MATRIX = {
    # The signed link works for whoever holds it, logged in or not.
    "accounts:guest_data": ("get", "guest", lambda role: 200),
    "accounts:guest_erase": ("post", "guest", lambda role: 200),
}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, guest, as_role):
    method = MATRIX[url_name][0]
    response = getattr(as_role(role), method)(reverse(url_name, kwargs={"token": guest["token"]}))
    assert_answer(response, expected_answer(MATRIX[url_name], role), where=f"{url_name} {role}")
