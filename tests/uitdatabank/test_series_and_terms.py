"""A weekly series is ONE UiTdatabank event (calendarType multiple, a subEvent per date, each
with its own status and places left); accessibility facts go out as publiq's facility term ids;
names and descriptions go out in every language the house has them in. Against the fake Entry
API, which checks every body against publiq's JSON schemas."""

import dataclasses
import datetime as dt

import pytest
from django.urls import reverse

from ontmoeting.models import Activity
from ontmoeting.services import (
    ActivityData,
    activity_cancel,
    activity_create,
    activity_publish,
    activity_update,
    registration_create_as_guest,
)
from tests.factories import ActivityFactory, RoomFactory, _in_days
from uitdatabank import payload, sources
from uitdatabank.models import Publication

from .conftest import sweep
from .fake_api import validator
from .test_publishing import _data

pytestmark = pytest.mark.django_db


def _series(*, category="creatief", weeks=4, capacity=8, publish=None) -> list[Activity]:
    """A weekly series of `weeks` dates (drafts), the first `publish` of them published."""
    start = _in_days(3)
    first = activity_create(
        data=ActivityData(
            title="Breicafé",
            summary="Samen breien.",
            description="Wol is er.",
            category=category,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            room=RoomFactory(),
            capacity=capacity,
        ),
        actor=None,
        repeat_weekly_until=(start + dt.timedelta(days=7 * (weeks - 1))).date(),
    )
    dates = list(Activity.objects.filter(series=first.series).order_by("starts_at"))
    for activity in dates[: weeks if publish is None else publish]:
        activity_publish(activity=activity, actor=None)
    return list(
        Activity.objects.select_related("offering", "room")
        .filter(series=first.series)
        .order_by("starts_at")
    )


def _only_event(api) -> dict:
    assert len(api.events) == 1
    return next(iter(api.events.values()))


def test_a_weekly_series_is_one_event_with_a_subevent_per_date(connected, as_role):
    dates = _series()
    assert sweep() == 1  # four publications of dates: one change of one event
    posts = connected.api_requests("POST", "/events")
    assert len(posts) == 1
    body = posts[0][2]
    assert body["calendarType"] == "multiple"
    assert [dt.datetime.fromisoformat(s["startDate"]) for s in body["subEvent"]] == [
        a.starts_at for a in dates
    ]
    assert [s["id"] for s in body["subEvent"]] == [0, 1, 2, 3]
    assert {repr(s["status"]) for s in body["subEvent"]} == {repr({"type": "Available"})}
    assert body["subEvent"][0]["bookingAvailability"] == {"capacity": 8, "remainingCapacity": 8}
    publication = Publication.objects.get()
    assert (publication.source, publication.object_id) == ("series", dates[0].series_id)
    # Staff see the series once, with its dates, and publish or withdraw it as a whole.
    page = as_role("staff").get(reverse("uitdatabank:publications")).text
    assert page.count("Breicafé") == 1
    assert "4 komende data" in page
    assert (
        reverse("uitdatabank:set_publish", kwargs={"source": "series", "pk": dates[0].series_id})
        in page
    )


def test_adding_moving_and_cancelling_a_date_change_its_subevent(connected):
    dates = _series(publish=3)
    sweep()
    assert len(_only_event(connected)["subEvent"]) == 3
    # A fourth date is published: the same event gets a fourth subEvent.
    activity_publish(activity=dates[3], actor=None)
    sweep()
    assert len(_only_event(connected)["subEvent"]) == 4
    # The second date moves a day.
    moved = dates[1]
    new_start = moved.starts_at + dt.timedelta(days=1)
    activity_update(
        activity=moved,
        data=_data(moved, starts_at=new_start, ends_at=new_start + dt.timedelta(hours=2)),
        actor=None,
    )
    sweep()
    event = _only_event(connected)
    assert dt.datetime.fromisoformat(event["subEvent"][1]["startDate"]) == new_start
    # The third date is cancelled: its subEvent says so; it is not left out.
    activity_cancel(activity=dates[2], actor=None, reason="Zaal onder water.")
    sweep()
    event = _only_event(connected)
    assert len(event["subEvent"]) == 4
    assert event["subEvent"][2]["status"] == {
        "type": "Unavailable",
        "reason": {"nl": "Zaal onder water."},
    }
    assert [s["status"]["type"] for s in event["subEvent"]] == [
        "Available",
        "Available",
        "Unavailable",
        "Available",
    ]
    assert event["status"] == {"type": "Available"}  # the series itself goes on
    assert [r[0] for r in connected.api_requests()] == ["POST", "PUT", "PUT", "PUT"]


def test_every_date_cancelled_cancels_the_event(connected):
    dates = _series(weeks=2)
    sweep()
    for activity in dates:
        activity_cancel(activity=activity, actor=None, reason="De reeks stopt.")
    sweep()
    event = _only_event(connected)
    assert event["status"] == {"type": "Unavailable", "reason": {"nl": "De reeks stopt."}}
    assert event["workflowStatus"] == "READY_FOR_VALIDATION"  # cancelled, never deleted


def test_a_full_date_patches_the_places_of_its_own_subevent(connected):
    dates = _series(weeks=3, capacity=2)
    sweep()
    for n in range(2):
        registration_create_as_guest(
            activity=dates[1], name=f"Gast {n}", email=f"gast{n}@example.org"
        )
    assert sweep(later=30) == 1
    patches = connected.api_requests("PATCH")
    assert len(patches) == 1
    assert patches[0][2] == [
        {"id": 0, "bookingAvailability": {"capacity": 2, "remainingCapacity": 2}},
        {"id": 1, "bookingAvailability": {"capacity": 2, "remainingCapacity": 0}},
        {"id": 2, "bookingAvailability": {"capacity": 2, "remainingCapacity": 2}},
    ]
    assert _only_event(connected)["bookingAvailability"] == {"type": "Available"}
    assert "Gast 0" not in repr(connected.requests)


def test_staff_publish_a_series_through_any_of_its_dates(connected, as_role):
    dates = _series(category="ontmoeting")  # not published by default
    assert sweep() == 0
    url = reverse("uitdatabank:set_publish", kwargs={"source": "activity", "pk": dates[2].pk})
    assert as_role("staff").post(url, {"wanted": "1"}).status_code == 302
    sweep()
    assert len(_only_event(connected)["subEvent"]) == 4
    assert not Publication.objects.filter(source="activity").exists()


def test_accessibility_goes_out_as_publiqs_facility_terms(connected):
    ActivityFactory(
        category="creatief",
        room=RoomFactory(accessible_toilet=True, is_quiet_room=False),
        step_free=True,
        hearing_loop=True,
        sign_language=True,
        easy_to_read=True,
    )
    sweep()
    terms = _only_event(connected)["terms"]
    assert terms[0] == {"id": "0.3.1.0.0", "domain": "eventtype"}
    assert {t["domain"] for t in terms[1:]} == {"facility"}
    assert {t["id"] for t in terms[1:]} == {
        "3.27.0.0.0",  # Rolstoeltoegankelijk (step-free)
        "3.31.0.0.0",  # Toegankelijk sanitair (from the room)
        "3.17.1.0.0",  # Ringleiding
        "3.33.0.0.0",  # Tolken Vlaamse Gebarentaal
        "3.34.0.0.0",  # Vereenvoudigde informatie
    }


def test_every_language_the_house_has_is_sent(connected):
    activity = ActivityFactory(category="creatief", title="Schilderen", price=2)
    dutch = sources.public_item(source="activity", pk=activity.pk)
    body = payload.event_body(dutch, create=True)
    # Dutch only today: the house has no content translations yet.
    assert body["name"] == {"nl": "Schilderen"} and list(body["description"]) == ["nl"]
    three = dataclasses.replace(
        dutch,
        names={"nl": "Schilderen", "fr": "Peindre", "en": "Painting"},
        descriptions={"nl": "Met verf.", "fr": "Avec de la peinture.", "en": "With paint."},
    )
    body = payload.event_body(three, create=True)
    assert body["mainLanguage"] == "nl"
    assert body["name"] == {"nl": "Schilderen", "fr": "Peindre", "en": "Painting"}
    assert body["description"]["fr"] == "Avec de la peinture."
    assert set(body["priceInfo"][0]["name"]) == {"nl", "fr", "en"}
    assert set(body["bookingInfo"]["urlLabel"]) == {"nl", "fr", "en"}
    assert list(validator("event.json").iter_errors(body)) == []


def test_a_translated_field_of_a_model_is_picked_up():
    class Translated:
        title = "Wandelen"
        title_fr = "Promenade"
        title_en = "  "

    texts = sources._texts(Translated(), "title", "Wandelen")
    assert texts == {"nl": "Wandelen", "fr": "Promenade"}


def test_a_date_changed_at_publiq_is_found_by_the_nightly_check(connected):
    from uitdatabank import services

    _series(weeks=3)
    sweep()
    assert services.drift_check() == 0
    event = _only_event(connected)
    event["subEvent"][1]["status"] = {"type": "Unavailable"}  # someone cancelled it there
    assert services.drift_check() == 1
    sweep()
    assert _only_event(connected)["subEvent"][1]["status"] == {"type": "Available"}


def test_dates_published_one_by_one_before_become_one_event(connected):
    import importlib

    from django.apps import apps as django_apps

    from uitdatabank.models import Change

    dates = _series(category="ontmoeting", weeks=3)
    old_events = []
    for activity in dates[:2]:  # how the portal published a series before: an event per date
        event_id = connected._create(
            payload.event_body(sources.public_item(source="activity", pk=activity.pk), create=True)
        )[1]["id"]
        old_events.append(event_id)
        Publication.objects.create(
            source="activity",
            object_id=activity.pk,
            wanted=True,
            event_id=event_id,
            sent_status="published",
        )
    migration = importlib.import_module("uitdatabank.migrations.0006_series_publications")
    migration.one_event_per_series(django_apps, None)
    assert Change.objects.filter(status="pending").count() == 3
    sweep()
    assert [connected.events[e]["workflowStatus"] for e in old_events] == ["DELETED"] * 2
    series = Publication.objects.get(source="series")
    assert series.wanted and series.sent_status == "published"
    assert len(connected.events[series.event_id]["subEvent"]) == 3
