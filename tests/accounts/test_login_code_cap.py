"""Login codes to one address are capped per day: the per-minute limits count per sender and per
address, but anyone could still make the house mail a person three codes a minute, all day. The
person asking sees the same answer whether the address is capped, has no account, or gets a code.
(For an address without an account allauth mails "there is no account with this address": capped
the same way.)"""

import pytest
from django.test import Client
from django.urls import reverse

from huis.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _ask(email: str, n: int):
    client = Client(REMOTE_ADDR=f"10.9.0.{n}")
    response = client.post(reverse("account_request_login_code"), {"email": email}, follow=True)
    assert response.status_code == 200
    return response


def _answer(response, email: str) -> tuple:
    """Where the person lands and what they are told (their own address left out)."""
    return (
        response.redirect_chain[0][0].split("?")[0],
        [str(m).replace(email, "@") for m in response.context["messages"]],
    )


def test_the_daily_cap_per_address_stops_the_mails_but_not_the_answer(visitor, settings):
    settings.LOGIN_CODES_PER_ADDRESS_PER_DAY = 2
    answers = [_answer(_ask(visitor.email, n), visitor.email) for n in range(3)]
    assert Notification.objects.filter(email=visitor.email).count() == 2  # the third is held
    assert answers[0] == answers[1] == answers[2]
    # An address without an account gets that same answer; its "no account here" mails are
    # capped the same way.
    for n in range(3):
        assert _answer(_ask("nobody@test.example", 10 + n), "nobody@test.example") == answers[0]
    assert Notification.objects.filter(email="nobody@test.example").count() == 2


def test_the_cap_counts_the_address_whatever_its_spelling(visitor, settings):
    settings.LOGIN_CODES_PER_ADDRESS_PER_DAY = 1
    _ask(visitor.email, 1)
    _ask(visitor.email.upper(), 2)
    assert Notification.objects.filter(email__iexact=visitor.email).count() == 1


def test_a_sent_login_code_is_not_kept_in_the_outbox(visitor, mailoutbox):
    from huis.notifications.services import notifications_send_due

    _ask(visitor.email, 1)
    notification = Notification.objects.get(email=visitor.email)
    code_mail_text = notification.context["text"]
    assert notifications_send_due() == 1
    assert len(mailoutbox) == 1 and mailoutbox[0].body.strip() == code_mail_text.strip()
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    # The code reached the person; the table that staff and backups can read no longer has it.
    assert "text" not in notification.context and "html" not in notification.context
