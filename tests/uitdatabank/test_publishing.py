"""Publishing activities and courses to UiTdatabank through the outbox, against the local fake
Entry API that checks every body against publiq's JSON schemas (see fake_api.py)."""

import datetime as dt

import pytest
from django.urls import reverse

from ontmoeting.services import (
    ActivityData,
    activity_cancel,
    activity_update,
    registration_create_as_guest,
)
from tests.factories import ActivityFactory
from tests.herstelacademie.factories import make_course
from uitdatabank.models import Change, Publication

from .conftest import HOUSE_PLACE, ORGANIZER, sweep

pytestmark = pytest.mark.django_db


def _data(activity, **changes) -> ActivityData:
    fields = {
        name: getattr(activity, name)
        for name in ActivityData.__dataclass_fields__
        if name not in {"leaders", "capacity", "signup_opens_at", "signup_closes_at"}
        and hasattr(activity, name)
    }
    fields["capacity"] = activity.offering.capacity if activity.offering else None
    fields.update(changes)
    return ActivityData(**fields)


def _only_event(api) -> dict:
    assert len(api.events) == 1
    return next(iter(api.events.values()))


def test_nothing_is_queued_while_the_house_is_not_connected(fake_api):
    ActivityFactory(category="creatief")
    assert not Publication.objects.exists() and not Change.objects.exists()


def test_a_published_activity_is_created_once_ready_for_validation(connected):
    activity = ActivityFactory(category="creatief", title="Schilderen met Mira", price=3)
    assert sweep() == 1
    posts = connected.api_requests("POST", "/events")
    assert len(posts) == 1
    body = posts[0][2]
    assert body["workflowStatus"] == "READY_FOR_VALIDATION"
    assert body["mainLanguage"] == "nl" and body["name"] == {"nl": "Schilderen met Mira"}
    assert body["calendarType"] == "single"
    assert body["location"]["@id"].endswith(f"/places/{HOUSE_PLACE}")
    assert body["organizer"]["@id"].endswith(f"/organizers/{ORGANIZER}")
    assert body["terms"] == [{"id": "0.3.1.0.0", "domain": "eventtype"}]
    assert body["priceInfo"][0]["price"] == 3.0
    assert body["bookingInfo"]["url"].endswith(activity.get_absolute_url())
    assert body["subEvent"][0]["bookingAvailability"] == {"capacity": 10, "remainingCapacity": 10}
    publication = Publication.objects.get(object_id=activity.pk, source="activity")
    assert publication.event_id in connected.events
    assert publication.sent_status == "published"
    # Sent once: a second sweep sends nothing.
    assert sweep(later=3600) == 0
    assert len(connected.api_requests()) == 1


def test_a_kind_not_published_by_default_waits_for_staff(connected):
    ActivityFactory(category="ontmoeting")
    assert sweep() == 0
    assert connected.api_requests() == []


def test_moving_and_cancelling_update_the_same_event(connected):
    activity = ActivityFactory(category="creatief")
    sweep()
    new_start = activity.starts_at + dt.timedelta(days=1, hours=2)
    activity_update(
        activity=activity,
        data=_data(activity, starts_at=new_start, ends_at=new_start + dt.timedelta(hours=1)),
        actor=None,
    )
    sweep()
    event = _only_event(connected)
    assert dt.datetime.fromisoformat(event["subEvent"][0]["startDate"]) == new_start
    activity.refresh_from_db()
    activity_cancel(activity=activity, actor=None, reason="De begeleider is ziek.")
    sweep()
    event = _only_event(connected)
    assert event["status"] == {"type": "Unavailable", "reason": {"nl": "De begeleider is ziek."}}
    assert event["workflowStatus"] == "READY_FOR_VALIDATION"  # cancelled, never deleted
    assert [r[0] for r in connected.api_requests()] == ["POST", "PUT", "PUT"]


def test_full_after_the_last_place_and_available_again(connected):
    activity = ActivityFactory(category="creatief", capacity=2)
    sweep()
    for n in range(2):
        registration_create_as_guest(
            activity=activity, name=f"Gast {n}", email=f"gast{n}@example.org"
        )
    assert sweep() == 0  # the burst waits a moment, to go out as one update
    assert sweep(later=30) == 1
    patches = connected.api_requests("PATCH")
    assert len(patches) == 1
    assert patches[0][2] == [
        {"id": 0, "bookingAvailability": {"capacity": 2, "remainingCapacity": 0}}
    ]
    assert _only_event(connected)["bookingAvailability"] == {"type": "Unavailable"}
    # No person's data ever leaves the house.
    sent = repr([r[2] for r in connected.requests])
    for private in ["Gast 0", "gast0@example.org", "Gast 1", "gast1@example.org"]:
        assert private not in sent


def test_a_503_is_tried_again_later_and_then_succeeds(connected, as_role):
    connected.fail_next.append(
        ("POST", "/events", 503, {"title": "Service Unavailable", "status": 503})
    )
    ActivityFactory(category="creatief", title="Wandelen")
    assert sweep() == 1
    change = Change.objects.get()
    assert change.status == "pending" and change.attempts == 1
    assert "503" in change.error
    page = as_role("staff").get(reverse("uitdatabank:publications")).text
    assert "Waiting" in page or "Wacht" in page
    assert sweep() == 0  # not before its backoff
    assert sweep(later=31) == 1
    assert len(connected.events) == 1
    assert len(connected.api_requests("POST", "/events")) == 2
    assert Change.objects.get().status == "done"


def test_a_400_is_shown_to_staff_with_publiqs_words_and_can_be_retried(connected, as_role):
    connected.fail_next.append(
        (
            "POST",
            "/events",
            400,
            {
                "type": "https://api.publiq.be/probs/body/invalid-data",
                "title": "Invalid body data",
                "status": 400,
                "schemaErrors": [{"jsonPointer": "/terms", "error": "Term 0.3.1.0.0 is unknown"}],
            },
        )
    )
    activity = ActivityFactory(category="creatief")
    sweep()
    change = Change.objects.get()
    assert change.status == "failed"
    staff = as_role("staff")
    page = staff.get(reverse("uitdatabank:publications")).text
    assert "Term 0.3.1.0.0 is unknown" in page
    publication = Publication.objects.get(object_id=activity.pk)
    response = staff.post(reverse("uitdatabank:retry", kwargs={"pk": publication.pk}))
    assert response.status_code == 302
    sweep()
    publication.refresh_from_db()
    assert publication.event_id in connected.events
    page = staff.get(reverse("uitdatabank:publications")).text
    assert publication.event_id in page


def test_a_token_is_reused_until_it_expires_and_renewed_mid_burst(connected):
    for n in range(3):
        ActivityFactory(category="creatief", title=f"Atelier {n}")
    sweep()
    assert connected.token_requests == 1  # one token for the whole burst
    connected.expire_tokens()  # publiq's token ran out before our cache said so
    for activity_n in range(2):
        ActivityFactory(category="vorming", title=f"Vorming {activity_n}")
    sweep()
    assert len(connected.events) == 5
    assert connected.token_requests == 2
    assert len([r for r in connected.requests if r[1] == "/oauth/token"]) == 2


def test_a_missing_mapping_is_explained_to_staff(connected, as_role):
    from uitdatabank.models import Venue

    Venue.objects.all().delete()
    ActivityFactory(category="creatief")
    sweep()
    assert Change.objects.get().status == "failed"
    page = as_role("staff").get(reverse("uitdatabank:publications")).text
    assert "UiTdatabank" in page and connected.api_requests() == []


def test_staff_withdraw_and_publish_again(connected, as_role):
    activity = ActivityFactory(category="creatief")
    sweep()
    staff = as_role("staff")
    url = reverse("uitdatabank:set_publish", kwargs={"source": "activity", "pk": activity.pk})
    assert staff.post(url, {"wanted": "0"}).status_code == 302
    sweep()
    assert _only_event(connected)["workflowStatus"] == "DELETED"
    assert staff.post(url, {"wanted": "1"}).status_code == 302
    sweep()
    assert len(connected.events) == 2  # a deleted event cannot come back: a new one is made
    assert staff.post(url, {"wanted": "maybe"}).status_code == 400


def test_a_draft_cannot_be_published(connected, as_role):
    activity = ActivityFactory(category="creatief", status="draft")
    url = reverse("uitdatabank:set_publish", kwargs={"source": "activity", "pk": activity.pk})
    assert as_role("staff").post(url, {"wanted": "1"}).status_code == 400
    bad = reverse("uitdatabank:set_publish", kwargs={"source": "nonsense", "pk": activity.pk})
    assert as_role("staff").post(bad, {"wanted": "1"}).status_code == 400


def test_a_course_goes_out_with_all_its_sessions(connected):
    course = make_course(format="workshop", session_days=(7, 14))
    sweep()
    event = _only_event(connected)
    assert event["calendarType"] == "multiple"
    assert len(event["subEvent"]) == 2
    assert Publication.objects.get(source="course", object_id=course.pk).sent_status == "published"


def test_a_timeout_is_tried_again_later(connected, settings):
    settings.UITDATABANK_TIMEOUT = 0.3
    ActivityFactory(category="creatief")
    connected.delay = 1.0  # publiq answers too late
    sweep()
    change = Change.objects.get()
    assert change.status == "pending" and change.attempts == 1
    assert "timed out" in change.error.lower() or "timeout" in change.error.lower()
    connected.delay = 0
    sweep(later=31)
    assert Change.objects.get().status == "done"
    # The slow first try may have created the event after all: the portal keeps the one it heard
    # of, and the nightly check repairs the other (it is the only case of two).
    assert 1 <= len(connected.events) <= 2


def test_a_worker_that_died_while_sending_leaves_nothing_lost(connected):
    activity = ActivityFactory(category="creatief")
    Change.objects.update(status="sending", claimed_at=activity.created_at - dt.timedelta(hours=1))
    sweep()
    assert Change.objects.get().status == "done"
    assert len(connected.events) == 1


def test_staff_choices_are_audited(connected, as_role, staff):
    from huis.audit.models import AuditEntry

    activity = ActivityFactory(category="ontmoeting")
    url = reverse("uitdatabank:set_publish", kwargs={"source": "activity", "pk": activity.pk})
    as_role("staff").post(url, {"wanted": "1"})
    assert AuditEntry.objects.filter(action="uitdatabank.publish", actor=staff).exists()


def test_the_french_and_english_of_an_activity_go_out_with_it(connected):
    activity = ActivityFactory(
        category="creatief",
        title="Schilderen met Mira",
        translations={
            "title_fr": "Peindre avec Mira",
            "title_en": "Painting with Mira",
            "description_fr": "Avec de la peinture.",
        },
    )
    assert activity.title_fr == "Peindre avec Mira"
    assert sweep() == 1
    body = connected.api_requests("POST", "/events")[0][2]
    assert body["name"] == {
        "nl": "Schilderen met Mira",
        "fr": "Peindre avec Mira",
        "en": "Painting with Mira",
    }
    assert body["description"]["fr"] == "Avec de la peinture."
    assert "en" not in body["description"]  # no English description: UiTdatabank shows Dutch
