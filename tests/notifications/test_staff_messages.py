"""Staff write a short message to everyone signed up for an activity or a course (or to the
waiting list): a count and a preview first, then the outbox, audited (issue #25)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from herstelacademie import services as college
from huis.audit.models import AuditEntry
from huis.notifications.models import NoticeMessage, Notification
from huis.notifications.services import render
from ontmoeting.services import registration_create, registration_create_as_guest
from tests.factories import ActivityFactory, UserFactory, _in_days
from tests.herstelacademie.factories import make_course

pytestmark = pytest.mark.django_db


def url(activity) -> str:
    return reverse(
        "notifications:message_write",
        kwargs={"audience": "ontmoeting-activity", "pk": activity.pk},
    )


@pytest.fixture
def activity(visitor):
    activity = ActivityFactory(title="Koken", starts_at=_in_days(4, 18), capacity=2)
    registration_create(activity=activity, actor=visitor, user=visitor)
    registration_create_as_guest(
        activity=activity, name="Jan", email="jan@example.org", language="fr"
    )
    registration_create_as_guest(activity=activity, name="Mia", email="mia@example.org")
    return activity


def messages_out():
    return Notification.objects.filter(kind="notice_message").order_by("pk")


def test_preview_shows_the_count_and_sends_nothing(as_role, activity):
    client = as_role("staff")
    page = client.get(url(activity))
    assert page.status_code == 200
    assert "2 mensen hebben een plaats" in page.content.decode()
    response = client.post(url(activity), {"to": "signed_up", "text": "Breng een schort mee."})
    assert response.status_code == 200
    preview = response.context["preview"]
    assert preview.count == 2 and "Breng een schort mee." in preview.text
    assert "Koken" in preview.subject
    assert 'name="send"' in response.content.decode()
    assert not messages_out().exists() and not NoticeMessage.objects.exists()


def test_send_to_everyone_signed_up_once_each_in_their_language(as_role, staff, activity):
    client = as_role("staff")
    data = {"to": "signed_up", "text": "Breng een schort mee.", "send": "1"}
    response = client.post(url(activity), data)
    assert response.status_code == 302
    assert response.url == reverse("ontmoeting:staff_activity", kwargs={"pk": activity.pk})
    sent = list(messages_out())
    assert sorted(n.language for n in sent) == ["fr", "nl"]
    french = next(n for n in sent if n.language == "fr")
    assert "Breng een schort mee." in render(french).text
    assert render(french).subject == "Des nouvelles de Koken"
    assert "/agenda/" in french.context["url"]  # the guest's own signed link
    message = NoticeMessage.objects.get()
    assert message.recipients == 2 and message.sent_by == staff and not message.to_waiting
    entry = AuditEntry.objects.get(action="notifications.message_sent")
    assert entry.actor == staff and entry.data["recipients"] == 2
    # A second message is a new message: each is told again, once.
    client.post(url(activity), {**data, "text": "Het begint om 18 uur."})
    assert messages_out().count() == 4


def test_send_to_the_waiting_list_only(as_role, activity):
    as_role("staff").post(url(activity), {"to": "waiting", "text": "Nog geen plaats.", "send": "1"})
    (only,) = messages_out()
    assert only.email == "mia@example.org"
    assert NoticeMessage.objects.get().to_waiting


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"to": "signed_up", "text": "  "}, "text"),
        ({"to": "signed_up", "text": "x" * 1001}, "text"),
        ({"to": "everyone", "text": "Hallo"}, "to"),
    ],
)
def test_bad_input_is_a_400_with_the_form_again(as_role, activity, data, field):
    response = as_role("staff").post(url(activity), {**data, "send": "1"})
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not messages_out().exists()


def test_nobody_waiting_is_refused_with_a_reason(as_role):
    activity = ActivityFactory(capacity=5)
    response = as_role("staff").post(url(activity), {"to": "waiting", "text": "Hoi", "send": "1"})
    assert response.status_code == 400
    assert "Er staat niemand op de wachtlijst." in str(response.context["form"].non_field_errors())


def test_unknown_audience_or_object_is_404(as_role, activity):
    client = as_role("staff")
    bad = reverse("notifications:message_write", kwargs={"audience": "nope", "pk": activity.pk})
    assert client.get(bad).status_code == 404
    missing = reverse(
        "notifications:message_write",
        kwargs={"audience": "ontmoeting-activity", "pk": activity.pk + 999},
    )
    assert client.get(missing).status_code == 404


def test_a_course_message_reaches_its_students(as_role, expert, staff, visitor):
    course = make_course(experts=[expert], professionals=[staff])
    college.enrollment_create(course=course, user=visitor)
    address = reverse(
        "notifications:message_write",
        kwargs={"audience": "herstelacademie-course", "pk": course.pk},
    )
    response = as_role("staff").post(address, {"to": "signed_up", "text": "Lokaal 2.", "send": "1"})
    assert response.status_code == 302
    (only,) = messages_out()
    assert only.recipient == visitor


def _page_queries(client, activity) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(activity)).status_code == 200
    return len(queries)


def test_the_page_costs_the_same_queries_for_few_and_many(as_role):
    client = as_role("staff")
    small = ActivityFactory(capacity=3)
    big = ActivityFactory(capacity=30)
    for activity, people in ((small, 4), (big, 40)):
        for n in range(people):
            user = UserFactory() if n % 2 else None
            if user:
                registration_create(activity=activity, actor=user, user=user)
            else:
                registration_create_as_guest(
                    activity=activity, name=f"Gast {n}", email=f"g{activity.pk}-{n}@example.org"
                )
    for activity in (small, big):
        client.post(url(activity), {"to": "signed_up", "text": "Hoi", "send": "1"})
    _page_queries(client, small)  # warm the caches both pages share
    assert _page_queries(client, small) == _page_queries(client, big)
