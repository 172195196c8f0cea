"""Mijn activiteiten: a person's own sign-ups, upcoming and past, cancel in one step."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from huis.places.models import PlaceClaim
from ontmoeting.models import Activity
from ontmoeting.services import registration_create
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def titles(html: str) -> list[str]:
    """The activities' titles in a part of the page, in order (each title is its page's link)."""
    return re.findall(r'<a href="[^"]*">([^<]+)</a>', html)


def nl(text: str) -> str:
    """What the page says in Dutch, the house's first language."""
    with translation.override("nl"):
        return translation.gettext(text)


def links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)">[^<]+</a>', html)


def test_upcoming_and_past(as_role, visitor):
    coming = ActivityFactory(title="Klei")
    past = ActivityFactory(title="Vorige week")
    registration_create(activity=coming, actor=visitor, user=visitor)
    registration_create(activity=past, actor=visitor, user=visitor)
    Activity.objects.filter(pk=past.pk).update(
        starts_at=timezone.now() - dt.timedelta(days=7),
        ends_at=timezone.now() - dt.timedelta(days=7) + dt.timedelta(hours=1),
    )
    response = as_role("visitor").get(reverse("ontmoeting:mine"))
    assert response.status_code == 200
    assert titles(response.context["mine"].upcoming) == ["Klei"]
    assert titles(response.context["mine"].past) == ["Vorige week"]


def test_cancel_in_one_step(as_role, visitor):
    activity = ActivityFactory()
    claim = registration_create(activity=activity, actor=visitor, user=visitor)
    client = as_role("visitor")
    response = client.post(reverse("ontmoeting:mine_cancel", args=[claim.pk]))
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "cancelled"


def test_another_visitor_gets_404_on_my_sign_up(as_role, visitor):
    activity = ActivityFactory()
    claim = registration_create(activity=activity, actor=visitor, user=visitor)
    client = as_role("visitor_b")
    assert client.post(reverse("ontmoeting:mine_cancel", args=[claim.pk])).status_code == 404
    assert client.post(reverse("ontmoeting:mine_accept", args=[claim.pk])).status_code == 404
    claim.refresh_from_db()
    assert claim.status == "confirmed"


def test_accept_an_offer_from_my_activities(as_role, visitor):
    activity = ActivityFactory(capacity=1, waitlist_mode="offer")
    first = registration_create(activity=activity, actor=None, name="A", email="a@t.example")
    mine = registration_create(activity=activity, actor=visitor, user=visitor)
    from ontmoeting.services import registration_cancel

    registration_cancel(claim=first, actor=None)
    client = as_role("visitor")
    response = client.post(reverse("ontmoeting:mine_accept", args=[mine.pk]))
    assert response.status_code == 302
    assert PlaceClaim.objects.get(pk=mine.pk).status == "confirmed"


def test_anonymous_goes_to_login(client):
    response = client.get(reverse("ontmoeting:mine"))
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_the_last_20_past_newest_first_in_the_same_queries_for_3_or_25(as_role, visitor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ontmoeting.selectors import PAST_SHOWN

    client = as_role("visitor")
    url = reverse("ontmoeting:mine")

    def sign_up_for_past(n: int) -> None:
        for _ in range(n):
            activity = ActivityFactory()
            registration_create(activity=activity, actor=visitor, user=visitor)
            days = Activity.objects.count()
            Activity.objects.filter(pk=activity.pk).update(
                starts_at=timezone.now() - dt.timedelta(days=days),
                ends_at=timezone.now() - dt.timedelta(days=days) + dt.timedelta(hours=1),
            )

    sign_up_for_past(3)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    sign_up_for_past(22)
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(many) == len(few)
    newest = Activity.objects.filter(ends_at__lte=timezone.now()).order_by("-starts_at", "-pk")
    assert links(response.context["mine"].past) == [
        a.get_absolute_url() for a in newest[:PAST_SHOWN]
    ]


def test_an_activity_gone_while_the_page_is_made_is_left_out(visitor):
    """The sign-ups are read first, then their activities: one removed in between (another
    tab, the house's planner) is simply not shown, the page does not fail."""
    from ontmoeting.selectors import my_activities, my_claims

    kept, gone = ActivityFactory(title="Blijft"), ActivityFactory(title="Weg")
    registration_create(activity=kept, actor=visitor, user=visitor)
    registration_create(activity=gone, actor=visitor, user=visitor)
    claims = my_claims(user=visitor)
    Activity.objects.filter(pk=gone.pk).delete()
    mine = my_activities(user=visitor, claims=claims)
    assert [c.activity.title for c in mine.upcoming] == ["Blijft"]


# --- Kept per person (issue #30): drawn once, shown anew as soon as anything on it changes ------


def _activity_queries(client, url) -> tuple[object, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, sum('FROM "ontmoeting_activity"' in q["sql"] for q in queries)


def test_kept_cards_are_not_drawn_again_until_something_on_them_changes(as_role, visitor):
    activity = ActivityFactory(title="Klei", capacity=1, waitlist_mode="offer")
    other = registration_create(activity=activity, actor=None, name="A", email="a@t.example")
    registration_create(activity=ActivityFactory(title="Wandelen"), actor=visitor, user=visitor)
    mine = registration_create(activity=activity, actor=visitor, user=visitor)
    client = as_role("visitor")
    url = reverse("ontmoeting:mine")
    client.get(url)
    response, drawn = _activity_queries(client, url)
    assert drawn == 0  # kept: only the person's own sign-ups are read
    assert nl("On the waiting list.") in response.context["mine"].upcoming

    # The other person cancels: the waiting visitor is offered the place (no signal of theirs).
    from ontmoeting.services import registration_cancel

    registration_cancel(claim=other, actor=None)
    response, drawn = _activity_queries(client, url)
    assert drawn and nl("A place is free for you.") in response.context["mine"].upcoming
    # The house renames one and cancels the other: both show on the next view.
    renamed = Activity.objects.get(title="Wandelen")
    renamed.title = "Wandelen in het park"
    renamed.save()
    cancelled = Activity.objects.get(pk=activity.pk)
    cancelled.status = Activity.Status.CANCELLED
    cancelled.save()
    html = client.get(url).context["mine"].upcoming
    assert sorted(titles(html)) == ["Klei", "Wandelen in het park"]
    assert nl("Cancelled by the house.") in html
    # I leave: my card goes at once.
    registration_cancel(claim=PlaceClaim.objects.get(pk=mine.pk), actor=visitor)
    assert titles(client.get(url).context["mine"].upcoming) == ["Wandelen in het park"]


def test_an_activity_that_ends_moves_to_earlier_without_drawing_again(as_role, visitor):
    from unittest import mock

    activity = ActivityFactory(title="Klei")
    registration_create(activity=activity, actor=visitor, user=visitor)
    client = as_role("visitor")
    url = reverse("ontmoeting:mine")
    assert titles(client.get(url).context["mine"].upcoming) == ["Klei"]
    later = activity.ends_at + dt.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response, drawn = _activity_queries(client, url)
    assert drawn == 0
    assert titles(response.context["mine"].upcoming) == []
    assert titles(response.context["mine"].past) == ["Klei"]
    assert nl("You have not signed up for anything yet.") in response.content.decode()


def test_the_kept_forms_carry_each_person_s_own_token(visitor, visitor_b):
    """The cards are kept without a token; every showing fills in the viewer's own, so the
    buttons work for the person and in every session of theirs."""
    from django.test import Client

    activity = ActivityFactory(title="Klei")
    claim = registration_create(activity=activity, actor=visitor, user=visitor)
    url = reverse("ontmoeting:mine")
    pages = []
    for _ in range(2):  # two sessions of the same person: the second is served the kept cards
        browser = Client(enforce_csrf_checks=True)
        browser.force_login(visitor)
        html = browser.get(url).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        assert "__huis_csrf_token__" not in html
        pages.append((browser, token))
    (first, first_token), (second, second_token) = pages
    assert first_token != second_token
    cancel = reverse("ontmoeting:mine_cancel", args=[claim.pk])
    assert first.post(cancel, {"csrfmiddlewaretoken": second_token}).status_code == 403
    assert second.post(cancel, {"csrfmiddlewaretoken": second_token}).status_code == 302
    assert PlaceClaim.objects.get(pk=claim.pk).status == "cancelled"
    # Another person never sees my cards.
    stranger = Client()
    stranger.force_login(visitor_b)
    assert "Klei" not in stranger.get(url).context["mine"].upcoming


def test_kept_cards_speak_the_person_s_language(as_role, visitor):
    activity = ActivityFactory(title="Klei")
    registration_create(activity=activity, actor=visitor, user=visitor)
    client = as_role("visitor")
    url = reverse("ontmoeting:mine")
    for language in ("nl", "fr", "en", "nl"):
        visitor.preferred_language = language
        visitor.save(update_fields=["preferred_language"])
        html = client.get(url).context["mine"].upcoming
        with translation.override(language):
            said = translation.gettext("You have a place.")
            day = date_format(timezone.localtime(activity.starts_at), "l j F")
        assert said in html and day in html, language
