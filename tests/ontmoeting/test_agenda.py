"""The public agenda, the activity page, feeds and open hours."""

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from huis.facts.selectors import house_facts
from huis.pages.selectors import block_text
from ontmoeting.models import Activity
from ontmoeting.services import registration_create
from tests.factories import ActivityFactory, OpeningPeriodFactory, RoomFactory, _in_days

pytestmark = pytest.mark.django_db


def test_agenda_shows_published_activities_by_day_with_places_left(client):
    full = ActivityFactory(title="Volle yoga", capacity=1, starts_at=_in_days(1, 10))
    registration_create(activity=full, actor=None, name="A", email="a@test.example")
    ActivityFactory(title="Schilderen", capacity=5, starts_at=_in_days(1, 14))
    ActivityFactory(title="Inloop", capacity=None, starts_at=_in_days(2, 14))
    ActivityFactory(title="Geheim concept", status="draft")
    ActivityFactory(title="Gisteren", starts_at=_in_days(3))
    Activity.objects.filter(title="Gisteren").update(
        starts_at=timezone.now() - dt.timedelta(days=1, hours=2),
        ends_at=timezone.now() - dt.timedelta(days=1),
    )
    response = client.get(reverse("ontmoeting:home"))
    assert response.status_code == 200
    html = response.text
    assert "Volle yoga" in html and "Schilderen" in html and "Inloop" in html
    assert "Geheim concept" not in html and "Gisteren" not in html
    assert html.index("Volle yoga") < html.index("Schilderen") < html.index("Inloop")
    assert len(re.findall(r'class="h3 day-title"', html)) == 2
    assert "5 places left" in html or "5 plaatsen" in html
    assert "<script" not in html.replace('<script type="application/ld+json"', "")


def test_filters_by_category_places_left_week_and_accessibility(client):
    ActivityFactory(
        title="Klei", category="creatief", capacity=1, step_free=True, starts_at=_in_days(1, 10)
    )
    yoga = ActivityFactory(title="Yoga", category="beweging", capacity=1, starts_at=_in_days(1, 12))
    registration_create(activity=yoga, actor=None, name="A", email="a@test.example")
    later = ActivityFactory(title="Uitstap", category="uitstap", starts_at=_in_days(15))
    url = reverse("ontmoeting:home")
    html = client.get(url, {"category": "creatief"}).text
    assert "Klei" in html and "Yoga" not in html
    html = client.get(url, {"places_left": "on"}).text
    assert "Klei" in html and "Yoga" not in html
    html = client.get(url, {"toegankelijk": "step_free"}).text
    assert "Klei" in html and "Yoga" not in html
    local = timezone.localtime(later.starts_at).date()
    monday = local - dt.timedelta(days=local.weekday())
    html = client.get(url, {"week": monday.isoformat()}).text
    assert "Uitstap" in html and "Klei" not in html and "Yoga" not in html
    # Only the weeks on offer can be chosen: another value is ignored, not an error.
    assert client.get(url, {"week": "2099-01-05"}).status_code == 200


def test_full_text_search_finds_word_forms(client):
    ActivityFactory(title="Samen schilderen", description="We schilderen met waterverf.")
    ActivityFactory(title="Soep", description="We eten samen.")
    html = client.get(reverse("ontmoeting:home"), {"q": "schilder"}).text
    assert "Samen schilderen" in html and "Soep" not in html
    html = client.get(reverse("ontmoeting:home"), {"q": "waterverf"}).text
    assert "Samen schilderen" in html


def test_agenda_pages_by_keyset(client):
    room = RoomFactory()
    start = _in_days(2, 8)
    for n in range(25):
        ActivityFactory(
            title=f"Item {n:02d}",
            room=room,
            starts_at=start + dt.timedelta(hours=n),
            ends_at=start + dt.timedelta(hours=n, minutes=30),
        )
    first = client.get(reverse("ontmoeting:home")).text
    assert "Item 09" in first and "Item 10" not in first  # ten a page (AGENDA_PAGE_SIZE)
    next_url = re.search(r'href="(\?[^"]*na=[^"]+)" rel="next"', first).group(1)
    second = client.get(reverse("ontmoeting:home") + next_url.replace("&amp;", "&")).text
    assert "Item 10" in second and "Item 19" in second and "Item 09" not in second
    assert "Item 20" not in second


def _agenda_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("ontmoeting:home")).status_code == 200
    return len(queries)


def test_agenda_costs_the_same_queries_for_10_and_500_activities(client):
    room = RoomFactory()
    start = _in_days(1, 0)

    def add(n0: int, n1: int) -> None:
        for n in range(n0, n1):
            ActivityFactory(
                room=room,
                capacity=None if n % 3 else 5,
                starts_at=start + dt.timedelta(hours=n),
                ends_at=start + dt.timedelta(hours=n, minutes=45),
                step_free=bool(n % 2),
            )

    OpeningPeriodFactory()
    add(0, 10)
    house_facts()  # the footer's facts are cached, as for every view after the first
    block_text("intro-ontmoeting")  # so are the pages' texts (huis.pages)
    small = _agenda_queries(client)
    add(10, 500)
    assert _agenda_queries(client) == small


def test_activity_page_has_everything_and_event_json_ld_with_the_nonce(client):
    activity = ActivityFactory(
        title="Wandeling",
        summary="We wandelen.",
        hearing_loop=True,
        accessibility_notes="Er is een lift.",
        price=Decimal("2.50"),
        price_note="Koffie inbegrepen",
    )
    response = client.get(activity.get_absolute_url())
    assert response.status_code == 200
    html = response.text
    for text in ["Wandeling", "We wandelen.", "Er is een lift.", "Koffie inbegrepen", "2,50"]:
        assert text in html, text
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    match = re.search(
        r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', html, re.S
    )
    assert match and match.group(1) == nonce
    data = json.loads(match.group(2))
    assert data["@type"] == "Event" and data["name"] == "Wandeling"
    assert data["remainingAttendeeCapacity"] == 10
    assert data["offers"]["price"] == "2.50"


def test_wrong_slug_redirects_and_drafts_are_hidden(client, as_role):
    activity = ActivityFactory(title="Klei")
    response = client.get(reverse("ontmoeting:activity", args=[activity.pk, "oud"]))
    assert response.status_code == 301 and response.url == activity.get_absolute_url()
    draft = ActivityFactory(title="Concept", status="draft")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert as_role("staff").get(draft.get_absolute_url()).status_code == 200


def test_cancelled_activity_page_says_so(client, t):
    activity = ActivityFactory(status="cancelled")
    html = client.get(activity.get_absolute_url()).text
    assert t("This activity is cancelled.") in html
    assert 'action="' + reverse("ontmoeting:sign_up", args=[activity.pk, activity.slug]) not in html


def test_ics_for_one_activity_and_feeds(client):
    klei = ActivityFactory(title="Klei, verf; en meer", category="creatief")
    ActivityFactory(title="Yoga", category="beweging")
    ics = client.get(reverse("ontmoeting:activity_ics", args=[klei.pk, klei.slug]))
    assert ics["Content-Type"].startswith("text/calendar")
    body = ics.content.decode()
    assert "BEGIN:VEVENT" in body and "SUMMARY:Klei\\, verf\\; en meer" in body
    assert body.endswith("END:VCALENDAR\r\n")
    start = klei.starts_at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in body
    feed = client.get("/agenda.ics").content.decode()
    assert feed.count("BEGIN:VEVENT") == 2
    creative = client.get("/agenda.ics", {"categorie": "creatief"}).content.decode()
    assert creative.count("BEGIN:VEVENT") == 1
    assert client.get("/agenda.ics", {"categorie": "onbekend"}).status_code == 404


def test_open_hours_on_the_agenda_and_the_home_page(client):
    """The walk-in hours are the house's opening hours (huis.facts): one change shows on both."""
    OpeningPeriodFactory(weekday=1, opens_at=dt.time(14), closes_at=dt.time(17))
    for url in [reverse("ontmoeting:home"), reverse("core:home")]:
        html = client.get(url).text
        assert "Dinsdag" in html and "14:00" in html and "17:00" in html, url
    OpeningPeriodFactory(weekday=3, opens_at=dt.time(9, 15), closes_at=dt.time(11, 45))
    html = client.get(reverse("ontmoeting:home")).text
    assert "09:15" in html and "11:45" in html
