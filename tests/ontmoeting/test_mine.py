"""Mijn activiteiten: a person's own sign-ups, upcoming and past, cancel in one step."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from huis.places.models import PlaceClaim
from ontmoeting.models import Activity
from ontmoeting.services import registration_create
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db


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
    upcoming = response.context["mine"].upcoming
    assert [c.activity.title for c in upcoming] == ["Klei"]
    assert [c.activity.title for c in response.context["mine"].past] == ["Vorige week"]


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
    past = response.context["mine"].past
    assert len(past) == PAST_SHOWN
    starts = [c.activity.starts_at for c in past]
    assert starts == sorted(starts, reverse=True)
    newest = Activity.objects.filter(ends_at__lte=timezone.now()).order_by("-starts_at").first()
    assert past[0].activity == newest and all(c.user_id == visitor.pk for c in past)


def test_a_sign_up_cancelled_while_the_page_is_made_is_left_out(visitor):
    """Between the query for the activities and the one for the sign-ups another tab (or the
    beat task) may cancel one: the page shows the rest, it does not fail."""
    from django.db import connection

    from ontmoeting.selectors import my_activities

    kept, gone = ActivityFactory(title="Blijft"), ActivityFactory(title="Weg")
    registration_create(activity=kept, actor=visitor, user=visitor)
    cancelled = registration_create(activity=gone, actor=visitor, user=visitor)
    done = []

    def cancel_after_the_activities(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not done and 'FROM "ontmoeting_activity"' in sql:
            done.append(1)
            PlaceClaim.objects.filter(pk=cancelled.pk).update(status=PlaceClaim.Status.CANCELLED)
        return result

    with connection.execute_wrapper(cancel_after_the_activities):
        mine = my_activities(user=visitor)
    assert done and [c.activity.title for c in mine.upcoming] == ["Blijft"]
