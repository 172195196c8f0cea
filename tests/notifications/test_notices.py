"""Change notices (issue #25): moving an activity, a course session or an intervision moves its
reminders and tells everyone signed up and waiting once, in their language, by their channel;
cancelling tells them once."""

import dataclasses
import datetime as dt

import pytest
from django.utils import timezone

from ervaringsdeskundigen import services as experts
from herstelacademie import services as college
from huis.audit.models import AuditEntry
from huis.notifications import notices
from huis.notifications.models import Notification
from huis.notifications.services import preference_update, render
from ontmoeting.services import (
    ActivityData,
    activity_update,
    registration_create,
    registration_create_as_guest,
)
from tests.factories import ActivityFactory, _in_days
from tests.herstelacademie.factories import at, make_course

pytestmark = pytest.mark.django_db

FIELDS = [f.name for f in dataclasses.fields(ActivityData)]


def data_of(activity, **changes) -> ActivityData:
    values = {name: getattr(activity, name) for name in FIELDS if hasattr(activity, name)}
    offering = activity.offering
    values.update(
        leaders=list(activity.leaders.all()),
        capacity=offering.capacity,
        waitlist_mode=offering.waitlist_mode,
        offer_hours=offering.offer_hours,
        max_places_per_claim=offering.max_places_per_claim,
        signup_opens_at=offering.opens_at,
        signup_closes_at=None,
    )
    values.update(changes)
    return ActivityData(**values)


def moved(kind_prefix="notice:moved:"):
    return list(Notification.objects.filter(key__startswith=kind_prefix).order_by("pk"))


@pytest.fixture
def full_activity(visitor):
    """Two places: a French-speaking member and a guest by email have them; a guest who can
    only be reached by text message waits."""
    activity = ActivityFactory(title="Schilderen", starts_at=_in_days(5, 14), capacity=2)
    visitor.preferred_language = "fr"
    visitor.save(update_fields=["preferred_language"])
    registration_create(activity=activity, actor=visitor, user=visitor, language="fr")
    registration_create_as_guest(activity=activity, name="Els", email="els@example.org")
    registration_create_as_guest(
        activity=activity, name="Sam", phone="0470 12 34 56", language="en"
    )
    return activity


def test_moving_an_activity_two_hours_moves_reminders_and_tells_everyone_once(full_activity):
    activity = full_activity
    old_start = activity.starts_at
    reminders = Notification.objects.filter(key__startswith="reminder-24h:registration:")
    assert reminders.filter(status="pending").count() == 2  # the two with a place
    later = data_of(
        activity,
        starts_at=old_start + dt.timedelta(hours=2),
        ends_at=activity.ends_at + dt.timedelta(hours=2),
    )
    activity_update(activity=activity, data=later, actor=None)
    pending = reminders.filter(status="pending")
    assert sorted(n.due_at for n in pending) == [later.starts_at - dt.timedelta(hours=24)] * 2
    assert reminders.filter(status="cancelled").count() == 2
    told = moved()
    assert sorted((n.language, n.channel) for n in told) == [
        ("en", "sms"),
        ("fr", "email"),
        ("nl", "email"),
    ]
    french = next(n for n in told if n.language == "fr")
    assert "16:00" in render(french).text and "14:00" in render(french).text
    assert render(french).subject == "Nouvel horaire : Schilderen"
    assert "Ta place reste à toi." in render(french).text
    sms = next(n for n in told if n.channel == "sms")
    assert sms.context["waiting"] is True and "Schilderen" in render(sms).sms
    # Saving the same times again tells nobody twice.
    activity.refresh_from_db()
    activity_update(activity=activity, data=later, actor=None)
    assert len(moved()) == 3
    entries = AuditEntry.objects.filter(action="ontmoeting.activity_changed").order_by("pk")
    assert [entry.data["told"] for entry in entries] == [3, 0]


def test_an_activity_moved_back_gets_its_reminders_again(full_activity):
    activity = full_activity
    original = data_of(activity)
    later = data_of(
        activity,
        starts_at=activity.starts_at + dt.timedelta(days=1),
        ends_at=activity.ends_at + dt.timedelta(days=1),
    )
    activity_update(activity=activity, data=later, actor=None)
    activity.refresh_from_db()
    activity_update(activity=activity, data=original, actor=None)
    pending = Notification.objects.filter(
        key__startswith="reminder-24h:registration:", status="pending"
    )
    assert [n.due_at for n in pending] == [original.starts_at - dt.timedelta(hours=24)] * 2
    assert len(moved()) == 6  # told of both moves


def test_a_change_of_text_only_tells_nobody(full_activity):
    activity = full_activity
    activity_update(activity=activity, data=data_of(activity, summary="Nieuw"), actor=None)
    assert moved() == []


def test_both_channels_when_the_person_chose_both(visitor):
    visitor.phone = "+32470000001"
    visitor.save(update_fields=["phone"])
    preference_update(user=visitor, by_email=True, by_sms=True, actor=visitor)
    activity = ActivityFactory(starts_at=_in_days(6, 10))
    registration_create(activity=activity, actor=visitor, user=visitor)
    later = data_of(activity, starts_at=_in_days(6, 12), ends_at=_in_days(6, 13))
    activity_update(activity=activity, data=later, actor=None)
    assert sorted(n.channel for n in moved()) == ["email", "sms"]


def test_one_person_signed_up_twice_is_told_once():
    people = [
        notices.Addressee(ref="claim:1", name="Els", email="Els@Example.org", waiting=True),
        notices.Addressee(ref="claim:2", name="Els", email="els@example.org"),
    ]
    unique = notices.unique_addressees(people)
    assert [a.ref for a in unique] == ["claim:2"]  # the place beats the waiting list


def test_moving_a_course_session_tells_the_students_in_their_language(expert, staff, visitor):
    course = make_course(experts=[expert], professionals=[staff])
    visitor.preferred_language = "en"
    visitor.save(update_fields=["preferred_language"])
    college.enrollment_create(course=course, user=visitor)
    session = course.sessions.order_by("starts_at").first()
    new_start = session.starts_at + dt.timedelta(hours=2)
    college.session_save(
        course=course,
        session=session,
        starts_at=new_start,
        ends_at=session.ends_at + dt.timedelta(hours=2),
        room=session.room,
        actor=None,
    )
    (notice,) = moved(f"notice:moved:herstelacademie.course:{course.pk}:")
    assert notice.recipient == visitor and notice.language == "en"
    assert render(notice).subject.startswith("New time:")
    dutch = Notification(**{**{f: getattr(notice, f) for f in ("kind", "channel", "context")}})
    dutch.language = "nl"
    assert "verandert van moment" in render(dutch).text
    pending = Notification.objects.filter(
        key__startswith=f"herstelacademie:reminder:{session.pk}:", status="pending"
    )
    assert [n.due_at for n in pending] == [new_start - dt.timedelta(hours=24)]


def test_a_session_moved_back_gets_its_reminder_again(expert, staff, visitor):
    course = make_course(experts=[expert], professionals=[staff])
    college.enrollment_create(course=course, user=visitor)
    session = course.sessions.order_by("starts_at").first()
    first = (session.starts_at, session.ends_at)
    for start, end in [(at(20, 10), at(20, 12)), first]:
        college.session_save(
            course=course,
            session=session,
            starts_at=start,
            ends_at=end,
            room=session.room,
            actor=None,
        )
        session.refresh_from_db()
    pending = Notification.objects.filter(
        key__startswith=f"herstelacademie:reminder:{session.pk}:", status="pending"
    )
    assert [n.due_at for n in pending] == [first[0] - dt.timedelta(hours=24)]


def test_intervision_moved_and_cancelled_tells_each_once(coordinator, expert, visitor):
    now = timezone.now()
    session = experts.intervision_create(
        title="Intervisie",
        starts_at=now + dt.timedelta(days=5),
        ends_at=now + dt.timedelta(days=5, hours=2),
        capacity=1,
        actor=coordinator,
    )
    experts.intervision_sign_up(session=session, user=expert)
    experts.intervision_sign_up(session=session, user=visitor)  # waits
    experts.intervision_move(
        session=session,
        starts_at=session.starts_at + dt.timedelta(hours=2),
        ends_at=session.ends_at + dt.timedelta(hours=2),
        actor=coordinator,
    )
    assert {n.recipient for n in moved()} == {expert, visitor}
    session.refresh_from_db()
    assert session.offering.closes_at == session.starts_at
    experts.intervision_cancel(session=session, actor=coordinator, reason="Ziek")
    cancelled = Notification.objects.filter(key__startswith="notice:cancelled:")
    assert {n.recipient for n in cancelled} == {expert, visitor}
    assert "Ziek" in render(cancelled.first()).text
    with pytest.raises(experts.ExpertsError):
        experts.intervision_cancel(session=session, actor=coordinator)
    assert cancelled.count() == 2
    with pytest.raises(experts.ExpertsError):
        experts.intervision_move(
            session=session,
            starts_at=now + dt.timedelta(days=9),
            ends_at=now + dt.timedelta(days=9, hours=1),
            actor=coordinator,
        )
