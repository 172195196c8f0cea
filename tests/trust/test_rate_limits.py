"""Rate limits on every public form, per address, counted in Redis: a flood is stopped with a
calm 429 page (never a 500), and a legitimate person from another address still gets through."""

import pytest
from django.test import Client
from django.urls import reverse

from beeldvorming.models import Testimony as Story
from huis.notifications.models import Notification
from huis.places.models import PlaceClaim
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

FLOODER = "203.0.113.7"
NEIGHBOUR = "198.51.100.20"


def _flood(client, url, data_for, count):
    return [client.post(url, data_for(n), REMOTE_ADDR=FLOODER).status_code for n in range(count)]


def test_guest_sign_up_flood_is_stopped_and_a_neighbour_gets_through(
    client, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(capacity=100)
    url = reverse("ontmoeting:sign_up", args=[activity.pk, activity.slug])
    with django_capture_on_commit_callbacks(execute=False):
        statuses = _flood(
            client, url, lambda n: {"name": f"Bot {n}", "email": f"bot{n}@test.example"}, 25
        )
    assert statuses[:10] == [302] * 10
    assert set(statuses[10:]) == {429}
    assert PlaceClaim.objects.filter(name__startswith="Bot").count() == 10
    with django_capture_on_commit_callbacks(execute=False):
        response = Client().post(
            url, {"name": "Nora", "email": "nora@test.example"}, REMOTE_ADDR=NEIGHBOUR
        )
    assert response.status_code == 302
    assert PlaceClaim.objects.filter(name="Nora").exists()


def test_the_limit_page_is_calm_and_in_the_persons_language(client):
    activity = ActivityFactory(capacity=100)
    url = reverse("ontmoeting:sign_up", args=[activity.pk, activity.slug])
    client.cookies["django_language"] = "en"
    for _ in range(10):
        client.post(url, {"name": "", "email": "bad"}, REMOTE_ADDR=FLOODER)  # invalid: 400
    response = client.post(url, {"name": "X", "email": "x@test.example"}, REMOTE_ADDR=FLOODER)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Wait a minute and try again." in response.text
    # Reading the page stays possible while the form is limited.
    page = client.get(
        reverse("ontmoeting:activity", args=[activity.pk, activity.slug]), REMOTE_ADDR=FLOODER
    )
    assert page.status_code == 200


def test_language_switch_flood(client):
    url = reverse("core:set_language")
    statuses = _flood(client, url, lambda n: {"language": "fr", "next": "/"}, 35)
    assert statuses[:30] == [302] * 30 and statuses[-1] == 429
    assert Client().post(url, {"language": "fr"}, REMOTE_ADDR=NEIGHBOUR).status_code == 302


def test_story_flood_is_stopped_per_person(client, visitor, visitor_b):
    url = reverse("beeldvorming:story_create")
    client.force_login(visitor)
    data = {"title": "T", "body": "B", "attribution": "anonymous", "agree": "on"}
    statuses = _flood(client, url, lambda n: {**data, "title": f"Spam {n}"}, 15)
    assert statuses[:10] == [302] * 10 and set(statuses[10:]) == {429}
    assert Story.objects.filter(title__startswith="Spam").count() == 10
    other = Client()
    other.force_login(visitor_b)
    assert other.post(url, data, REMOTE_ADDR=FLOODER).status_code == 302  # same address, person


def test_account_sign_up_flood(client):
    url = reverse("account_signup")
    statuses = _flood(
        client, url, lambda n: {"email": f"new{n}@test.example", "display_name": f"N{n}"}, 25
    )
    assert 429 in statuses and 500 not in statuses
    response = Client().post(
        url, {"email": "echt@test.example", "display_name": "Echt"}, REMOTE_ADDR=NEIGHBOUR
    )
    assert response.status_code == 302


def test_login_code_flood(client, visitor):
    url = reverse("account_request_login_code")
    statuses = _flood(client, url, lambda n: {"email": f"who{n}@test.example"}, 30)
    # 20 a minute from one address: nobody can make the house mail codes to many people.
    assert statuses[:20] == [302] * 20
    assert set(statuses[20:]) == {429}
    # Login mails go through the outbox: count what it holds for the person.
    mails = Notification.objects.filter(email=visitor.email).count()
    assert client.post(url, {"email": visitor.email}, REMOTE_ADDR=FLOODER).status_code == 429
    assert mails == Notification.objects.filter(email=visitor.email).count()
    assert Client().post(url, {"email": visitor.email}, REMOTE_ADDR=NEIGHBOUR).status_code == 302
    assert Notification.objects.filter(email=visitor.email).count() == mails + 1


def test_signed_link_flood(client, visitor):
    url = reverse("ontmoeting:manage_cancel", args=["not-a-valid-token"])
    statuses = _flood(client, url, lambda n: {}, 25)
    assert 429 in statuses and 500 not in statuses
    assert set(statuses[:20]) <= {400, 404, 302}
