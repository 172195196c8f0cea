"""'How was it?' after an activity (issue #27): the day-after message with a one-tap link,
anonymous answers, once per person and activity, shown to staff per activity and in the report."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from huis.core.report.figures import Period
from huis.notifications.models import Notification
from huis.places.services import claim_make_token
from ontmoeting import notify, report
from ontmoeting.models import Activity, ActivityFeedback
from ontmoeting.services import (
    ActivityError,
    feedback_give,
    registration_cancel,
    registration_create,
)
from tests.factories import ActivityFactory, UserFactory

pytestmark = pytest.mark.django_db
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def _over(activity: Activity) -> Activity:
    """Move the activity into the past (as if it just took place)."""
    start = timezone.now() - dt.timedelta(hours=3)
    Activity.objects.filter(pk=activity.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    activity.refresh_from_db()
    return activity


def test_signing_up_schedules_the_question_for_the_next_morning_and_cancelling_removes_it():
    activity = ActivityFactory(capacity=5)
    claim = registration_create(activity=activity, actor=None, name="An", email="an@test.example")
    (question,) = Notification.objects.filter(key__startswith=notify.feedback_key(claim))
    due = question.due_at.astimezone(BRUSSELS)
    assert due.date() == activity.ends_at.astimezone(BRUSSELS).date() + dt.timedelta(days=1)
    assert (due.hour, due.minute) == (notify.FEEDBACK_HOUR, 0)
    assert question.kind == notify.KIND_FEEDBACK
    assert "/agenda/hoe-was-het/" in question.context["feedback_url"]

    registration_cancel(claim=claim, actor=None)
    assert not Notification.objects.filter(
        key__startswith=notify.feedback_key(claim), status="pending"
    ).exists()


def test_one_answer_per_person_and_activity_without_a_trace_of_who():
    activity = ActivityFactory(capacity=5)
    claim = registration_create(activity=activity, actor=None, name="An", email="An@Test.example")
    with pytest.raises(ActivityError):  # not before it took place
        feedback_give(claim=claim, activity=activity, face=3)
    activity = _over(activity)
    answer = feedback_give(claim=claim, activity=activity, face=3, comment="  Fijn!  ")
    assert (answer.face, answer.comment) == (3, "Fijn!")
    with pytest.raises(ActivityError):
        feedback_give(claim=claim, activity=activity, face=1)
    assert ActivityFeedback.objects.count() == 1
    # Nothing in the row points to the person: no user, no claim, no address, no time of day.
    fields = {f.name for f in ActivityFeedback._meta.get_fields()}
    assert fields == {"id", "activity", "face", "comment", "voter", "given_on"}
    assert "an@test.example" not in answer.voter.lower() and len(answer.voter) == 32


def test_bad_faces_and_long_sentences_are_refused():
    activity = ActivityFactory(capacity=5)
    claim = registration_create(activity=activity, actor=None, name="An", email="an@test.example")
    activity = _over(activity)
    for face in (0, 4, -1):
        with pytest.raises(ActivityError):
            feedback_give(claim=claim, activity=activity, face=face)
    with pytest.raises(ActivityError):
        feedback_give(claim=claim, activity=activity, face=2, comment="x" * 501)
    assert not ActivityFeedback.objects.exists()


def test_the_page_of_the_link_takes_one_tap_and_refuses_a_second(client):
    activity = ActivityFactory(capacity=5)
    claim = registration_create(activity=activity, actor=None, name="An", email="an@test.example")
    activity = _over(activity)
    token = claim_make_token(claim=claim, valid_until=activity.ends_at + dt.timedelta(days=14))
    url = reverse("ontmoeting:feedback", kwargs={"token": token})
    page = client.get(url)
    assert page.status_code == 200
    assert page.content.decode().count('name="face"') == 3
    assert not ActivityFeedback.objects.exists()  # opening the link answers nothing

    assert client.post(url, {"face": "x"}).status_code == 400
    response = client.post(url, {"face": "2", "comment": "Wat druk"})
    assert response.status_code == 302
    assert ActivityFeedback.objects.get().face == ActivityFeedback.Face.OK
    again = client.post(url, {"face": "3"})
    assert again.status_code == 400
    assert ActivityFeedback.objects.count() == 1
    assert 'name="face"' not in client.get(url).content.decode()  # says thanks instead
    assert client.get(reverse("ontmoeting:feedback", kwargs={"token": "broken"})).status_code == 400


def test_staff_see_the_answers_per_activity_and_the_report_counts_them(client, staff):
    activity = ActivityFactory(capacity=9)
    claims = [
        registration_create(activity=activity, actor=None, name=f"P{i}", email=f"p{i}@test.example")
        for i in range(6)
    ]
    member = UserFactory()
    claims.append(registration_create(activity=activity, actor=member, user=member))
    activity = _over(activity)
    for claim, face in zip(claims, [3, 3, 3, 2, 1, 3, 3], strict=True):
        comment = "Goed" if face == 3 else ""
        feedback_give(claim=claim, activity=activity, face=face, comment=comment)
    client.force_login(staff)
    page = client.get(reverse("ontmoeting:staff_activity", args=[activity.pk]))
    assert page.status_code == 200
    assert page.context["feedback"].good == 5
    assert page.context["feedback"].total == 7
    day = timezone.localdate()
    section = report.build(period=Period(day - dt.timedelta(days=1), day))
    assert section.value("feedback") == 7
    assert section.value("feedback_good") == 5
    assert section.value("feedback_ok") == 1
    assert section.value("feedback_bad") == 1
