"""A course's enrolment is a huis.places claim too, but ontmoeting's claim URLs never reach it:
each function fetches only the claims of its own offerings (huis.places.selectors.claims_of).
Cancelling a course place through the agenda would bypass herstelacademie's own rules."""

import pytest
from django.urls import reverse

from herstelacademie import services as academy
from huis.places.services import claim_make_token
from tests.herstelacademie.factories import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course_claim(visitor, expert):
    course = make_course(title="Herstel en hoop", experts=[expert])
    enrollment = academy.enrollment_create(course=course, user=visitor)
    claim = enrollment.claim
    assert claim is not None and claim.status == "confirmed"
    return claim


@pytest.mark.parametrize("url_name", ["ontmoeting:mine_cancel", "ontmoeting:mine_accept"])
def test_my_activities_do_not_reach_a_course_enrolment(as_role, course_claim, url_name):
    response = as_role("visitor").post(reverse(url_name, args=[course_claim.pk]))
    assert response.status_code == 404
    course_claim.refresh_from_db()
    assert course_claim.status == "confirmed"


@pytest.mark.parametrize(
    "url_name",
    ["ontmoeting:claim_cancel", "ontmoeting:claim_move_up", "ontmoeting:claim_attendance"],
)
def test_the_desk_does_not_reach_a_course_enrolment(as_role, course_claim, url_name):
    data = {"reason": "Eerst", "attendance": "attended"}
    response = as_role("staff").post(reverse(url_name, args=[course_claim.pk]), data)
    assert response.status_code == 404
    course_claim.refresh_from_db()
    assert course_claim.status == "confirmed"


@pytest.mark.parametrize("suffix", ["", "annuleren/", "aanvaarden/"])
def test_a_signed_link_for_a_course_place_is_not_an_activitys(client, course_claim, suffix):
    token = claim_make_token(claim=course_claim, valid_until=course_claim.offering.closes_at)
    url = reverse("ontmoeting:manage", args=[token]) + suffix
    response = client.post(url) if suffix else client.get(url)
    assert response.status_code == 404
    course_claim.refresh_from_db()
    assert course_claim.status == "confirmed"
