"""Every email of the function renders in the recipient's language, with its link, and the
reminders wait in the outbox with a due time (also across a daylight-saving change)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from ervaringsdeskundigen import notify, services
from huis.notifications.models import Notification
from huis.notifications.services import render

from .factories import ExpertFactory, ExpertRequestFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "hello"), [("nl", "Dag"), ("fr", "Bonjour"), ("en", "Hello")])
def test_every_message_renders_in_its_language(coordinator, language, hello):
    request = ExpertRequestFactory(language=language, experts_wanted=1)
    expert = ExpertFactory()
    expert.user.preferred_language = language
    expert.user.save()
    other = ExpertFactory()
    other.user.preferred_language = language
    other.user.save()
    notify.request_received(request)
    a, _other = services.request_propose_experts(
        request=request, experts=[expert, other], actor=coordinator
    )
    services.assignment_accept(assignment=a, actor=expert.user)
    request.refresh_from_db()
    services.request_cancel(request=request, actor=coordinator, reason="")
    notify.evaluation_asked(request)
    notify.request_declined(request, "Niemand vrij")
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {
        "experts_request_received",
        "experts_proposal",
        "experts_request_confirmed",
        "experts_proposal_withdrawn",
        "experts_reminder_expert",
        "experts_reminder_organisation",
        "experts_request_cancelled",
        "experts_evaluation",
        "experts_request_declined",
        "notice_cancelled",  # the accepted expert: the core's change notice
    } <= kinds
    for notification in Notification.objects.all():
        assert notification.language == language
        rendered = render(notification)
        assert rendered.subject
        assert rendered.text.startswith(hello), (notification.kind, rendered.text[:40])
        if notification.kind == "notice_cancelled":
            continue  # nothing to do, so no link (the core's template)
        assert "http" in rendered.text
        assert "<a href=" in rendered.html


def test_proposal_email_links_to_the_one_button_page(coordinator):
    request = ExpertRequestFactory()
    services.request_propose_experts(request=request, experts=[ExpertFactory()], actor=coordinator)
    rendered = render(Notification.objects.get(kind="experts_proposal"))
    assert "/ervaringsdeskundigen/voorstel/" in rendered.text


def test_reminder_is_48_hours_before_also_across_a_daylight_saving_change(coordinator):
    brussels = ZoneInfo("Europe/Brussels")
    year = timezone.localdate().year + 1
    # The last Sunday of March: clocks go forward. An assignment on Monday at 10:00.
    march_end = dt.date(year, 3, 31)
    sunday = march_end - dt.timedelta(days=(march_end.weekday() + 1) % 7)
    start = dt.datetime.combine(sunday + dt.timedelta(days=1), dt.time(10), tzinfo=brussels)
    request = ExpertRequestFactory(starts_at=start)
    [assignment] = services.request_propose_experts(
        request=request, experts=[ExpertFactory()], actor=coordinator
    )
    services.assignment_accept(assignment=assignment, actor=assignment.expert.user)
    reminder = Notification.objects.get(kind="experts_reminder_expert")
    assert start - reminder.due_at == dt.timedelta(hours=48)
    # 48 real hours before 10:00 summer time is 09:00 winter time on the Saturday.
    assert reminder.due_at.astimezone(brussels).hour == 9
    assert reminder.status == "pending"
