"""Who reaches the page where staff write to the participants (issue #25): the house's own
people; anyone else 403 before any object is read, anonymous to login."""

import pytest
from django.urls import reverse

from tests.conftest import ROLE_FIXTURES
from tests.factories import ActivityFactory
from tests.trust.matrix import LOGIN, assert_answer, expected_answer

pytestmark = pytest.mark.django_db

HOUSE = {"staff", "coordinator", "administrator"}


def _house(role):
    if role == "anonymous":
        return LOGIN
    return 200 if role in HOUSE else 403


MATRIX = {
    "notifications:message_write": ("get", "activity", _house),
}


@pytest.fixture
def objects(db):
    activity = ActivityFactory(capacity=4)
    return {"activity": {"audience": "ontmoeting-activity", "pk": activity.pk}}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, _expected = MATRIX[url_name]
    response = getattr(as_role(role), method)(reverse(url_name, kwargs=objects[key]))
    assert_answer(response, expected_answer(MATRIX[url_name], role), where=f"{url_name} {role}")


def test_posting_is_refused_to_all_but_the_house(as_role, objects):
    address = reverse("notifications:message_write", kwargs=objects["activity"])
    data = {"to": "signed_up", "text": "Hoi", "send": "1"}
    assert as_role("visitor").post(address, data).status_code == 403
    assert as_role("partner_a").post(address, data).status_code == 403
    assert as_role("expert").post(address, data).status_code == 403
