"""Public pages served early (huis.core.pagecache.CachedPageMiddleware, issue #30): a visitor
without a session gets the stored copy before the rest of the middleware and the view run, in one
cache round trip and without a query, with the same headers as the page the view makes, their own
CSRF token and nonce, in their own language, and with places left exact."""

import datetime as dt
import re
import time

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from huis.places.models import PlaceClaim
from huis.places.services import claim_cancel
from huis.places.services import lapses as places_lapses
from ontmoeting.services import registration_create
from ontmoeting.views.public import ActivityView, AgendaView
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db(transaction=True)

# What differs per response by design: the request's id, the nonce, the cookie a new visitor gets.
PER_RESPONSE = {"x-request-id", "content-security-policy", "set-cookie"}


def _headers(response) -> dict[str, str]:
    return {k.lower(): v for k, v in response.items() if k.lower() not in PER_RESPONSE}


def _served_early(path: str, redis_round_trips, **extra):
    """A new visitor's answer, with the queries and cache round trips it took."""
    redis_round_trips[0] = 0
    with CaptureQueriesContext(connection) as queries:
        response = Client(**extra).get(path)
    return response, len(queries), redis_round_trips[0]


def test_a_new_visitor_gets_a_stored_page_in_one_round_trip_with_the_views_headers(
    redis_round_trips, monkeypatch
):
    ActivityFactory(title="Samen koken", capacity=5)
    agenda = reverse("ontmoeting:home")
    made = Client().get(agenda)  # the view makes the page and stores it
    views = []
    original = AgendaView.get
    monkeypatch.setattr(
        AgendaView, "get", lambda self, *a, **k: views.append(1) or original(self, *a, **k)
    )
    early, queries, round_trips = _served_early(agenda, redis_round_trips)
    assert (queries, round_trips, views) == (0, 1, [])  # the view did not run
    assert early.status_code == 200 and "Samen koken" in early.text
    assert _headers(early) == _headers(made)
    assert "Cookie" in early["Vary"] and "Accept-Language" in early["Vary"]
    assert early["X-Frame-Options"] == "DENY"
    assert "csrftoken" in early.cookies  # a first visit gets its CSRF cookie, as from the view
    nonce = re.search(r"'nonce-([^']+)'", early["Content-Security-Policy"])
    assert nonce is None or nonce.group(1) in early.text


def test_the_page_is_served_early_in_the_visitors_own_language(redis_round_trips, settings):
    ActivityFactory(title="Wandelen", capacity=5)
    catalogue = reverse("ontmoeting:home")
    dutch = Client().get(catalogue)
    french = Client(headers={"accept-language": "fr"}).get(catalogue)
    assert french["Content-Language"] == "fr" and dutch["Content-Language"] == "nl"
    again, queries, _ = _served_early(
        catalogue, redis_round_trips, headers={"accept-language": "fr"}
    )
    assert queries == 0
    assert again["Content-Language"] == "fr"
    assert re.search(r'<html lang="fr', again.text)


def test_a_visitor_with_a_session_goes_through_the_view_and_sees_the_same_page(
    client, visitor, redis_round_trips
):
    ActivityFactory(title="Praatcafé", capacity=4)
    agenda = reverse("ontmoeting:home")
    Client().get(agenda)
    client.force_login(visitor)
    logged_in = client.get(agenda)
    assert (
        logged_in["Cache-Control"].startswith("max-age=0")
        or "private" in logged_in["Cache-Control"]
    )
    assert "Praatcafé" in logged_in.text
    assert reverse("account_logout") in logged_in.text  # their own page, not the anonymous copy


def test_an_activity_page_served_early_frees_an_offer_once_its_time_ran_out(
    redis_round_trips, monkeypatch
):
    activity = ActivityFactory(title="Uitstap", capacity=1, waitlist_mode="offer")
    page = activity.get_absolute_url()
    first = registration_create(activity=activity, actor=None, name="A", email="a@test.example")
    waiting = registration_create(activity=activity, actor=None, name="B", email="b@test.example")
    claim_cancel(claim=first, actor=None)  # A's place is offered to B
    waiting.refresh_from_db()
    assert waiting.status == PlaceClaim.Status.OFFERED
    offered = Client().get(page).text  # stored: no place left, B may still take it
    assert "De activiteit is volzet" in offered
    # While the offer runs nothing can lapse: no query, and one round trip for the page and its
    # versions; this process kept the moment under the places' version it just read.
    response, queries, round_trips = _served_early(page, redis_round_trips)
    assert (response.status_code, queries, round_trips) == (200, 0, 1)
    assert "Uitstap" in response.text
    # A process that has not seen the moment yet (another worker) asks the cache for it once.
    monkeypatch.setattr(places_lapses, "_seen_lapse", None)
    assert _served_early(page, redis_round_trips)[1:] == (0, 2)
    assert _served_early(page, redis_round_trips)[1:] == (0, 1)
    # What this process saw is trusted for five minutes at most, like the cache's copy (a bulk
    # write past the services bumps nothing).
    version, moment, trusted_until = places_lapses._seen_lapse
    assert time.monotonic() < trusted_until  # trusted for now, and it stops below
    monkeypatch.setattr(places_lapses, "_seen_lapse", (version, moment, time.monotonic() - 1))
    assert _served_early(page, redis_round_trips)[1:] == (0, 2)
    # The clock passes the offer's end: the next visitor finds the place free again.
    later = waiting.offer_expires_at + dt.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    after = Client().get(page).text
    assert "Uitstap" in after and "De activiteit is volzet" not in after
    waiting.refresh_from_db()
    assert waiting.status == PlaceClaim.Status.LAPSED


def test_an_offer_made_after_a_page_was_shown_is_watched_for_lapsing(monkeypatch):
    """The moment of the next lapse is kept under the places' version: an offer made later (a
    cancellation) is seen, not hidden behind a moment kept before it existed."""
    activity = ActivityFactory(title="Wandelen", capacity=1, waitlist_mode="offer")
    page = activity.get_absolute_url()
    first = registration_create(activity=activity, actor=None, name="A", email="a@test.example")
    waiting = registration_create(activity=activity, actor=None, name="B", email="b@test.example")
    Client().get(page)  # no open offer anywhere: "nothing lapses" is kept
    claim_cancel(claim=first, actor=None)
    waiting.refresh_from_db()
    monkeypatch.setattr(timezone, "now", lambda: waiting.offer_expires_at + dt.timedelta(seconds=1))
    assert "De activiteit is volzet" not in Client().get(page).text
    waiting.refresh_from_db()
    assert waiting.status == PlaceClaim.Status.LAPSED


def test_a_page_not_stored_yet_is_prepared_once_and_made_by_the_view(monkeypatch):
    activity = ActivityFactory(title="Fietsen", capacity=3)
    prepared = []
    monkeypatch.setattr(
        ActivityView, "page_cache_prepare", staticmethod(lambda versions=None: prepared.append(1))
    )
    first = Client().get(activity.get_absolute_url())  # the middleware misses, the view makes it
    assert first.status_code == 200 and "Fietsen" in first.text
    assert prepared == [1]
    Client().get(activity.get_absolute_url())  # served early: prepared again, once
    assert prepared == [1, 1]
