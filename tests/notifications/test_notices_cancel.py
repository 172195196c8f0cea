"""Cancellations through the core's change notices (issue #25): cancelling an activity or a
Recovery College course tells everyone signed up and waiting once (notices.notice_cancelled),
in their language and by their channel; the app's own cancel message is not sent as well, and
cancelling again tells nobody twice."""

import pytest

from herstelacademie import services as college
from huis.notifications.models import Notification
from huis.notifications.services import render
from ontmoeting.services import ActivityError, activity_cancel
from tests.herstelacademie.factories import make_course
from tests.notifications.test_notices import full_activity  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def cancelled(prefix: str) -> list[Notification]:
    return list(Notification.objects.filter(key__startswith=prefix).order_by("pk"))


def test_cancelling_an_activity_tells_everyone_once_in_their_language(full_activity):  # noqa: F811
    activity = full_activity
    activity_cancel(activity=activity, actor=None, reason="De lesgever is ziek.")
    told = cancelled(f"notice:cancelled:ontmoeting.activity:{activity.pk}:")
    assert sorted((n.language, n.channel) for n in told) == [
        ("en", "sms"),
        ("fr", "email"),
        ("nl", "email"),
    ]
    assert {n.kind for n in told} == {"notice_cancelled"}
    assert not Notification.objects.filter(kind="ontmoeting_activity_cancelled").exists()
    french = next(n for n in told if n.language == "fr")
    assert "Schilderen" in render(french).subject
    assert "De lesgever is ziek." in render(french).text
    sms = next(n for n in told if n.channel == "sms")
    assert sms.context["waiting"] is True and "Schilderen" in render(sms).sms
    # A guest's message links to their own sign-up, not only to the activity.
    guest = next(n for n in told if n.language == "nl")
    assert guest.context["url"] != activity.get_absolute_url()
    assert not Notification.objects.filter(
        key__startswith="reminder-24h:registration:", status="pending"
    ).exists()
    with pytest.raises(ActivityError):
        activity_cancel(activity=activity, actor=None)
    assert len(cancelled("notice:cancelled:")) == 3


def test_cancelling_a_course_tells_places_waiting_and_guests_once(expert, staff, visitor):
    course = make_course(max_students=1, experts=[expert], professionals=[staff])
    visitor.preferred_language = "en"
    visitor.save(update_fields=["preferred_language"])
    college.enrollment_create(course=course, user=visitor)
    college.enrollment_create_as_guest(
        course=course, name="Karim", phone="0470 12 34 56", language="fr"
    )  # waits, reachable by text message only
    assert Notification.objects.filter(
        key__startswith="herstelacademie:reminder:", status="pending"
    ).exists()
    college.course_cancel(course=course, actor=staff)
    told = cancelled(f"notice:cancelled:herstelacademie.course:{course.pk}:")
    assert sorted((n.language, n.channel, n.recipient) for n in told) == [
        ("en", "email", visitor),
        ("fr", "sms", None),
    ]
    assert render(told[0]).subject.startswith("Cancelled")
    assert not Notification.objects.filter(kind="herstelacademie_course_cancelled").exists()
    assert not Notification.objects.filter(
        key__startswith="herstelacademie:",
        status="pending",
        kind__in=["herstelacademie_reminder", "herstelacademie_evaluation"],
    ).exists()
    with pytest.raises(college.CourseError):
        college.course_cancel(course=course, actor=staff)
    assert len(cancelled("notice:cancelled:")) == 2


def test_a_student_waiting_for_the_intake_talk_is_told_too(expert, staff, visitor):
    course = make_course(requires_intake=True, experts=[expert], professionals=[staff])
    college.enrollment_create(course=course, user=visitor)  # no place yet: intake first
    college.course_cancel(course=course, actor=staff)
    (notice,) = cancelled("notice:cancelled:")
    assert notice.recipient == visitor and notice.kind == "notice_cancelled"
