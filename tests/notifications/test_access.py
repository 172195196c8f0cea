"""Every page of the notifications core, for every role: the text-message staff page (the house's
own people), the short link (anyone: it is the link itself that is private), Twilio's webhooks
(refused, 403, to anyone whose request Twilio did not sign; tests/notifications/test_sms.py shows
the signed ones) and the page where staff write to the participants (the house's own people;
anyone else 403 before any object is read, anonymous to login)."""

import pytest
from django.conf import settings
from django.urls import reverse

from huis.notifications.shortlinks import short_link_for
from tests.conftest import ROLE_FIXTURES
from tests.factories import ActivityFactory
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)
from tests.trust.matrix import LOGIN, assert_answer, expected_answer

pytestmark = pytest.mark.django_db

HOUSE = {"staff", "coordinator", "administrator"}


def _house(role):
    if role == "anonymous":
        return LOGIN
    return 200 if role in HOUSE else 403


MATRIX = {
    "notifications:text_messages": ("get", None, _house),
    "short_link": ("get", "short_link", lambda role: 302),
    "sms_status": ("post", None, lambda role: 403),
    "sms_incoming": ("post", None, lambda role: 403),
    "notifications:message_write": ("get", "activity", _house),
}


@pytest.fixture(scope="module")
def objects(matrix_world):
    url = short_link_for(settings.SITE_URL + "/agenda/inschrijving/abc/")
    activity = ActivityFactory(capacity=4)
    return {
        "short_link": {"code": url.rsplit("/", 1)[1]},
        "activity": {"audience": "ontmoeting-activity", "pk": activity.pk},
    }


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, _expected = MATRIX[url_name][:3]
    kwargs = objects[key] if key else {}
    client = as_role(role)
    response = getattr(client, method)(reverse(url_name, kwargs=kwargs))
    assert_answer(response, expected_answer(MATRIX[url_name], role), where=f"{url_name} {role}")


def test_posting_is_refused_to_all_but_the_house(as_role, objects):
    address = reverse("notifications:message_write", kwargs=objects["activity"])
    data = {"to": "signed_up", "text": "Hoi", "send": "1"}
    assert as_role("visitor").post(address, data).status_code == 403
    assert as_role("partner_a").post(address, data).status_code == 403
    assert as_role("expert").post(address, data).status_code == 403
