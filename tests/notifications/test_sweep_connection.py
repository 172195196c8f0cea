"""The sweep sends a batch over one mail connection, still one row per transaction: every message
arrives exactly once, and a message the mail server refuses does not stop the ones after it."""

import pytest
from django.test import override_settings

from huis.config.messaging import _mailer
from huis.notifications.models import Notification
from huis.notifications.services import notification_schedule, notifications_send_due

from .harness import SinkHandler, SmtpSink

pytestmark = pytest.mark.django_db


class CountingHandler(SinkHandler):
    """Counts the connections (EHLO greetings) and refuses one recipient."""

    def __init__(self):
        super().__init__()
        self.greetings = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.greetings += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refused"):
            return "550 No such mailbox"
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)


def schedule(n: int, *, email: str | None = None) -> None:
    notification_schedule(
        key=f"test:{n}",
        kind="test_message",
        context={"name": f"Persoon {n}"},
        email=email or f"p{n}@test.example",
        language="nl",
    )


def test_a_batch_goes_over_one_connection_and_each_message_arrives_once(
    django_capture_on_commit_callbacks,
):
    sink = SmtpSink()
    sink.handler = CountingHandler()
    sink.controller.handler = sink.handler
    with sink, override_settings(MAILERS={"default": _mailer(sink.url)}):
        for n in range(12):
            schedule(n)
        assert notifications_send_due() == 12
        assert notifications_send_due() == 0  # nothing twice
    assert sink.handler.greetings == 1
    assert sorted(sink.handler.references().values()) == [1] * 12
    assert Notification.objects.filter(status="sent").count() == 12


def test_a_refused_message_is_retried_later_and_the_rest_still_go_out():
    sink = SmtpSink()
    sink.handler = CountingHandler()
    sink.controller.handler = sink.handler
    with sink, override_settings(MAILERS={"default": _mailer(sink.url)}):
        schedule(1)
        schedule(2, email="refused@test.example")
        schedule(3)
        assert notifications_send_due() == 2
    refused = Notification.objects.get(email="refused@test.example")
    assert refused.status == "pending" and refused.attempts == 1 and refused.last_error
    assert Notification.objects.filter(status="sent").count() == 2
    assert len(sink.handler.references()) == 2
