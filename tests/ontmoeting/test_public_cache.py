"""The public agenda and activity pages are cached for anonymous visitors (huis.core.pagecache).

What a visitor must be able to rely on: places left are exact right after every sign-up and
cancellation, a change by staff shows at once, the form on a cached page works for every visitor
(their own CSRF token), the page's script nonce matches its CSP header, and nobody ever sees a page
meant for someone else.
"""

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import connection
from django.http import HttpRequest
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ontmoeting.services import activity_cancel, registration_cancel, registration_create
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db(transaction=True)


def places_left(html: str) -> str:
    return re.search(r'<p class="places[^"]*">.*?<span>(.*?)</span>', html, re.S).group(1)


def left(n: int) -> str:
    with translation.override("nl"):
        return translation.ngettext("%(n)s place left", "%(n)s places left", n) % {"n": n}


def sign_up_url(activity):
    return reverse("ontmoeting:sign_up", kwargs={"pk": activity.pk, "slug": activity.slug})


def test_a_second_visitor_gets_the_agenda_without_touching_the_database():
    ActivityFactory(title="Samen koken", capacity=5)
    first = Client().get(reverse("ontmoeting:home"))
    with CaptureQueriesContext(connection) as queries:
        second = Client().get(reverse("ontmoeting:home"))
    assert len(queries) == 0
    assert "Samen koken" in second.text
    strip = re.compile(
        r'value="[^"]+" name="csrfmiddlewaretoken"|name="csrfmiddlewaretoken" value="[^"]+"'
    )
    assert strip.sub("", first.text) == strip.sub("", second.text)


def test_places_left_are_exact_after_every_sign_up_and_cancellation(t):
    activity = ActivityFactory(title="Wandelen", capacity=2)
    page = activity.get_absolute_url()
    visitor = Client()
    assert places_left(visitor.get(page).text) == left(2)
    claim = registration_create(activity=activity, actor=None, name="A", email="a@test.example")
    assert places_left(visitor.get(page).text) == left(1)
    assert places_left(Client().get(reverse("ontmoeting:home")).text) == left(1)
    registration_create(activity=activity, actor=None, name="B", email="b@test.example")
    full = t("Full. You can go on the waiting list.")
    assert places_left(visitor.get(page).text) == full
    registration_cancel(claim=claim, actor=None)
    # B was confirmed already; the freed place is free again.
    assert places_left(visitor.get(page).text) == left(1)


def test_a_cancelled_activity_shows_as_cancelled_at_once(t, staff):
    activity = ActivityFactory(title="Uitstap", capacity=4)
    page = activity.get_absolute_url()
    Client().get(page)
    activity_cancel(activity=activity, actor=staff, reason="Te weinig begeleiders.")
    assert places_left(Client().get(page).text) == t("Cancelled")


def test_the_sign_up_form_on_a_cached_page_works_for_another_visitor(t):
    activity = ActivityFactory(title="Creatief atelier", capacity=4)
    Client().get(activity.get_absolute_url())  # the first visitor fills the cache
    second = Client(enforce_csrf_checks=True)
    html = second.get(activity.get_absolute_url()).text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert "__huis_csrf_token__" not in html
    response = second.post(
        sign_up_url(activity),
        {"csrfmiddlewaretoken": token, "name": "Tweede", "email": "tweede@test.example"},
    )
    assert response.status_code == 302
    assert activity.offering.claims.get().name == "Tweede"


def test_a_cached_page_gets_a_fresh_nonce_that_matches_its_header():
    activity = ActivityFactory(title="Yoga", capacity=4)
    nonces = []
    for _ in range(2):
        response = Client().get(activity.get_absolute_url())
        header = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        in_page = re.search(r'<script type="application/ld\+json" nonce="([^"]+)"', response.text)
        assert in_page.group(1) == header
        nonces.append(header)
    assert nonces[0] != nonces[1]


def test_logged_in_people_and_pending_messages_never_get_the_anonymous_copy(client, visitor, t):
    activity = ActivityFactory(title="Praatcafé", capacity=4)
    Client().get(activity.get_absolute_url())  # an anonymous copy is cached
    client.force_login(visitor)
    client.post(sign_up_url(activity), {})
    page = client.get(activity.get_absolute_url()).text
    assert t("You are signed up.") in page
    # A visitor with a message waiting sees it, not the cached page without it.
    guest = Client()
    storage = CookieStorage(HttpRequest())
    guest.cookies["messages"] = storage._encode([Message(constants.INFO, "Tot straks!")])
    assert "Tot straks!" in guest.get(activity.get_absolute_url()).text


def test_a_leaders_new_name_shows_at_once_and_a_login_renders_nothing_anew(staff):
    activity = ActivityFactory(title="Samen tuinieren", capacity=4)
    activity.leaders.add(staff)
    page = activity.get_absolute_url()
    Client().get(page)
    staff.display_name = "Mieke Tuinier"
    staff.save()
    assert "Mieke Tuinier" in Client().get(page).text
    with CaptureQueriesContext(connection) as from_cache:  # none: page and offers from the cache
        Client().get(page)
    staff.save(update_fields=["last_login"])  # a login: the cached copy stays good
    with CaptureQueriesContext(connection) as queries:
        assert "Mieke Tuinier" in Client().get(page).text
    assert len(queries) == len(from_cache)
