"""A sign-up's messages (the confirmation with its calendar file, the reminder a day before and
the day-after question) are written in one statement, from one context: they are written while
the sign-up holds the activity's lock, where each round trip delays the next person (issue #30).
They must stay exactly what each would be on its own: every key once, each due at its moment,
the one due now sent, and an existing key never written twice."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from huis.notifications.models import Notification
from huis.places.models import PlaceClaim
from ontmoeting import notify
from ontmoeting.services import registration_create, registration_create_as_guest
from tests.factories import ActivityFactory, UserFactory, _in_days

pytestmark = pytest.mark.django_db

KINDS = {
    notify.KIND_CONFIRMED: "now",
    notify.KIND_REMINDER: "a day before",
    notify.KIND_FEEDBACK: "the day after",
}


def _messages(claim: PlaceClaim) -> dict[str, Notification]:
    keys = [notify.reminder_key(claim), notify.feedback_key(claim)]
    rows = Notification.objects.filter(key__in=keys) | Notification.objects.filter(
        key__startswith=f"ontmoeting:confirmed:{claim.pk}:"
    )
    return {row.kind: row for row in rows}


def test_a_guest_sign_up_writes_its_three_messages_in_one_statement(
    django_capture_on_commit_callbacks,
):
    activity = ActivityFactory(starts_at=_in_days(5, 10))
    with (
        CaptureQueriesContext(connection) as queries,
        django_capture_on_commit_callbacks() as queued,
    ):
        assert registration_create_as_guest(
            activity=activity, name="Gast", email="gast@test.example"
        )
    inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "notifications_')]
    assert len(inserts) == 1
    claim = PlaceClaim.objects.get(offering_id=activity.offering_id)
    messages = _messages(claim)
    assert set(messages) == set(KINDS)
    assert messages[notify.KIND_CONFIRMED].attachments[0]["mimetype"] == "text/calendar"
    reminder = messages[notify.KIND_REMINDER]
    assert reminder.due_at == activity.starts_at - notify.timedelta(hours=24)
    assert messages[notify.KIND_FEEDBACK].due_at > activity.ends_at
    assert "feedback_url" in messages[notify.KIND_FEEDBACK].context
    assert "feedback_url" not in reminder.context  # each its own context, made from one
    assert {m.context["manage_url"] for m in messages.values()} == {reminder.context["manage_url"]}
    # Only the confirmation is due now: it alone goes to the worker after the commit.
    sends = [c for c in queued if c.__qualname__.startswith("_queue_send")]
    assert len(sends) == 1


def test_on_the_last_day_only_the_confirmation_and_the_day_after_are_written():
    start = notify.timezone.now() + notify.timedelta(hours=3)
    activity = ActivityFactory(starts_at=start, ends_at=start + notify.timedelta(hours=2))
    registration_create_as_guest(activity=activity, name="Gast", email="gast@test.example")
    claim = PlaceClaim.objects.get(offering_id=activity.offering_id)
    assert set(_messages(claim)) == {notify.KIND_CONFIRMED, notify.KIND_FEEDBACK}


def test_a_key_already_there_is_kept_and_the_others_are_written():
    """When one of the keys is written already (here: the reminder, by hand), nothing is written
    twice and the other messages still go in, each on its own."""
    activity = ActivityFactory(starts_at=_in_days(5, 10))
    person = UserFactory()
    claim = registration_create(activity=activity, actor=person, user=person)
    Notification.objects.filter(key__startswith=f"ontmoeting:confirmed:{claim.pk}").delete()
    Notification.objects.filter(key=notify.feedback_key(claim)).delete()
    reminder = Notification.objects.get(key=notify.reminder_key(claim))
    notify.registration_confirmed(claim, activity)
    messages = _messages(claim)
    assert set(messages) == set(KINDS)
    assert messages[notify.KIND_REMINDER].pk == reminder.pk
    assert Notification.objects.filter(key=notify.reminder_key(claim)).count() == 1


def test_a_person_who_cannot_be_reached_gets_no_messages_and_the_sign_up_stands():
    activity = ActivityFactory(starts_at=_in_days(5, 10))
    # A landline gets no text messages, and there is no email address.
    assert registration_create_as_guest(activity=activity, name="Gast", phone="050 12 34 56")
    claim = PlaceClaim.objects.get(offering_id=activity.offering_id)
    assert claim.status == "confirmed"
    assert _messages(claim) == {}
