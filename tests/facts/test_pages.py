"""The house's facts where visitors meet them: the contact page, every footer, the home page's
"open now", schema.org data, and what a shared link previews."""

import json
import re
from datetime import time, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from huis.audit.models import AuditEntry
from huis.facts.services import FactsError, facts_update
from tests import factories
from tests.factories import ActivityFactory
from tests.herstelacademie.factories import make_course

from .conftest import EVERY_DAY, details

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    found = re.search(
        r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.S
    )
    assert found, "no JSON-LD on the page"
    return json.loads(found.group(1))


def meta(html: str) -> dict[str, str]:
    tags = re.findall(r'<meta (?:property|name)="((?:og|twitter):[^"]+)" content="([^"]*)"', html)
    return dict(tags)


def test_contact_page_gives_address_route_phone_email_and_the_week(client, house_facts):
    html = client.get(reverse("facts:contact")).text
    assert "<h1>Contact en route</h1>" in html
    assert "Kerkstraat 12" in html and "8400 Zeestad" in html
    assert 'href="tel:+3259123456"' in html and "059 12 34 56" in html
    assert 'href="mailto:welkom@huis.example"' in html
    assert "Bus 6 tot halte Kerkplein." in html
    assert "Geen trappen aan de ingang." in html
    # Seven days, today marked; the closed day is listed.
    assert html.count('aria-current="date"') == 1
    assert "(vandaag)" in html
    assert "Teamdag" in html
    assert "Nu open tot 23:59" in html


def test_contact_page_json_ld_is_an_organisation_with_a_postal_address(client, house_facts):
    data = json_ld(client.get(reverse("facts:contact")).text)
    assert "Organization" in data["@type"] and "Place" in data["@type"]
    assert data["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Kerkstraat 12",
        "postalCode": "8400",
        "addressLocality": "Zeestad",
        "addressCountry": "BE",
    }
    assert data["telephone"] == "+3259123456"
    assert len(data["openingHoursSpecification"]) == 7


def test_a_missing_translation_falls_back_to_dutch_marked_as_dutch(client, house_facts):
    client.cookies["django_language"] = "fr"
    html = client.get(reverse("facts:contact")).text
    assert '<p lang="nl">Bus 6 tot halte Kerkplein.</p>' in html
    client.cookies["django_language"] = "en"
    html = client.get(reverse("facts:contact")).text
    assert "<p>Bus 6 to the Kerkplein stop.</p>" in html


def test_footer_of_a_cached_page_shows_the_change_at_once(client, house_facts):
    agenda = reverse("ontmoeting:home")
    assert "Kerkstraat 12" in client.get(agenda).text
    assert "Kerkstraat 12" in client.get(agenda).text  # now from the page cache
    facts_update(
        actor=house_facts, details=details(street="Marktplein", number="3"), periods=[], closures=[]
    )
    html = client.get(agenda).text
    assert "Marktplein 3" in html and "Kerkstraat 12" not in html
    assert f'href="{reverse("facts:contact")}"' in html


def test_home_page_says_open_now_or_when_it_opens_again(client, house_facts):
    html = client.get(reverse("core:home")).text
    assert "Nu open tot 23:59" in html
    assert "Kom gewoon binnen." in html
    # Closed today and tomorrow: the home page names the day after tomorrow.
    today = timezone.localdate()
    facts_update(
        actor=house_facts,
        details=details(),
        periods=[(day, time(10), time(17)) for day in range(7)],
        closures=[(today, "Feestdag"), (today + timedelta(days=1), "Brugdag")],
    )
    html = client.get(reverse("core:home")).text
    assert "Nu gesloten — we zijn weer open" in html and "om 10:00" in html


def test_home_page_reads_the_facts_from_the_cache_without_a_query(client, house_facts):
    client.get(reverse("core:home"))  # fills the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("core:home")).status_code == 200
    assert not [q for q in queries.captured_queries if "facts_" in q["sql"]]
    assert len(queries.captured_queries) == HOME_QUERIES


# The anonymous home page's queries: none. Before the facts existed it made one (the walk-in
# hours of the programme); those are the house's opening hours now, read with the facts from
# the cache. The facts add a cache read, never a query.
HOME_QUERIES = 0


def test_activity_and_course_json_ld_place_the_house_at_its_postal_address(client, house_facts):
    activity = ActivityFactory(title="Wandeling")
    location = json_ld(client.get(activity.get_absolute_url()).text)["location"]
    assert location["@type"] == "Place"
    assert location["address"]["@type"] == "PostalAddress"
    assert location["address"]["streetAddress"] == "Kerkstraat 12"
    assert "Huis met vele kamers" in location["name"]
    course = make_course()
    data = json_ld(client.get(course.get_absolute_url()).text)
    address = data["hasCourseInstance"][0]["location"]["address"]
    assert address["@type"] == "PostalAddress" and address["addressLocality"] == "Zeestad"


def _shareable_pages(coordinator) -> dict[str, str]:
    from netwerk import services as network
    from netwerk.models import WelcomingPlace

    activity = ActivityFactory(title="Soep koken", summary="We koken samen soep.")
    course = make_course(title="Herstel, wat is dat?")
    story = factories.TestimonyFactory(title="Mijn weg", published=True)
    place = network.place_create(
        actor=coordinator,
        details=network.PlaceDetails(
            name="Petanqueclub De Boule",
            kind="sport",
            offer="Iedereen welkom.",
            address="Parklaan 1",
            municipality="Zeestad",
            when="Woensdag 14–17 uur",
            partner=None,
        ),
    )
    WelcomingPlace.objects.filter(pk=place.pk).update(is_published=True)
    place.refresh_from_db()
    return {
        "home": reverse("core:home"),
        "agenda": reverse("ontmoeting:home"),
        "activity": activity.get_absolute_url(),
        "catalogue": reverse("herstelacademie:home"),
        "course": course.get_absolute_url(),
        "stories": reverse("verhalen:list"),
        "story": story.get_absolute_url(),
        "places": reverse("netwerk:place_list"),
        "place": place.get_absolute_url(),
        "contact": reverse("facts:contact"),
    }


def test_every_shareable_page_previews_with_absolute_addresses(client, house_facts):
    site = settings.SITE_URL.rstrip("/")
    for kind, url in _shareable_pages(house_facts).items():
        tags = meta(client.get(url).text)
        assert tags.get("og:url") == site + url, kind
        assert tags["og:image"].startswith(site + "/static/") and tags["og:image"].endswith(".png")
        assert tags["og:locale"] == "nl_BE"
        assert tags["og:title"] and tags["og:description"], kind
        assert tags["twitter:card"] == "summary_large_image"
        assert tags["og:type"] in ("website", "article")


def test_an_activity_preview_says_what_when_and_where_in_the_visitors_language(client, house_facts):
    activity = ActivityFactory(title="Soep koken", summary="We koken samen soep.")
    start = timezone.localtime(activity.starts_at)
    tags = meta(client.get(activity.get_absolute_url()).text)
    assert tags["og:title"] == "Soep koken"
    assert f"{start:%H:%M}" in tags["og:description"]
    assert str(start.year) in tags["og:description"]
    assert "Kerkstraat 12" in tags["og:description"]
    assert "We koken samen soep." in tags["og:description"]
    client.cookies["django_language"] = "fr"
    assert meta(client.get(activity.get_absolute_url()).text)["og:locale"] == "fr_BE"


def test_the_default_picture_is_served_by_the_portal(client):
    from django.contrib.staticfiles import finders
    from PIL import Image

    with Image.open(finders.find("img/share-house.png")) as image:
        assert image.size == (1200, 630)


def test_a_coordinator_saves_the_facts_and_the_audit_log_keeps_before_and_after(
    as_role, house_facts
):
    client = as_role("coordinator")
    form = client.get(reverse("facts:edit")).text
    assert 'value="00:00-23:59"' in form
    data = {
        "name": "Huis met vele kamers",
        "street": "Kerkstraat",
        "number": "14",
        "postal_code": "8400",
        "municipality": "Zeestad",
        "phone": "059 12 34 56",
        "email": "welkom@huis.example",
        "hours_0": "10:00-12:30, 13:30-17:00",
        "closures-TOTAL_FORMS": "2",
        "closures-INITIAL_FORMS": "0",
        "closures-0-date": "2026-12-25",
        "closures-0-reason": "Kerstmis",
        "closures-1-date": "",
        "closures-1-reason": "",
    }
    response = client.post(reverse("facts:edit"), data)
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="facts.updated").latest("pk")
    assert entry.actor_id == house_facts.pk
    assert entry.data["changed"]["number"] == {"before": "12", "after": "14"}
    assert entry.data["changed"]["hours"]["after"] == ["0 10:00-12:30", "0 13:30-17:00"]
    assert "2026-12-25 Kerstmis" in entry.data["changed"]["closures"]["after"]


def test_hours_that_cannot_be_read_are_refused_next_to_their_day(as_role, house_facts):
    client = as_role("staff")
    response = client.post(
        reverse("facts:edit"),
        {
            "name": "Huis",
            "hours_2": "10 tot 5",
            "hours_3": "13:00-17:00, 12:00-14:00",
            "closures-TOTAL_FORMS": "0",
            "closures-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 400
    html = response.text
    assert "Schrijf de uren zo" in html and "Twee periodes op dezelfde dag overlappen." in html


def test_the_service_refuses_overlapping_periods_and_a_day_closed_twice(coordinator):
    with pytest.raises(FactsError):
        facts_update(
            actor=coordinator,
            details=details(),
            periods=[(0, time(10), time(13)), (0, time(12), time(17))],
            closures=[],
        )
    day = timezone.localdate()
    with pytest.raises(FactsError):
        facts_update(
            actor=coordinator,
            details=details(),
            periods=EVERY_DAY,
            closures=[(day, "a"), (day, "b")],
        )
