"""allauth's mails in the house's voice (issue 22): the login code and the other account mails
in Flemish Dutch, French and English, without allauth's stock sentences, the site's domain or
the sender's IP address."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from huis.notifications.services import notifications_send_due

pytestmark = pytest.mark.django_db

STOCK = (
    "Thank you for using",
    "Bedankt voor het gebruiken",
    "Merci d'utiliser",
    "browser venster",
    "IP",
    "Hello from",
)


def _words(language: str, msgid: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_the_login_code_mail_speaks_the_house_language(client, visitor, language):
    visitor.preferred_language = language
    visitor.save(update_fields=["preferred_language"])
    client.cookies["django_language"] = language
    response = client.post(reverse("account_request_login_code"), {"email": visitor.email})
    assert response.status_code == 302
    notifications_send_due()
    (message,) = [m for m in mail.outbox if visitor.email in m.to]
    assert _words(language, "Your code to log in") in message.subject
    assert (
        _words(language, "Here is your code to log in. Type it on the page where you asked for it.")
        in message.body
    )
    assert _words(language, "The people of Huis met vele kamers") in message.body
    assert re.search(r"^\s*[A-Z0-9-]{6,9}\s*$", message.body, re.MULTILINE)
    for stock in STOCK:
        assert stock not in message.body


def test_an_unknown_address_gets_a_calm_mail_with_the_sign_up_link(client, settings):
    settings.ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = True
    client.cookies["django_language"] = "nl"
    client.post(reverse("account_request_login_code"), {"email": "nobody@test.example"})
    notifications_send_due()
    sent = [m for m in mail.outbox if "nobody@test.example" in m.to]
    for message in sent:  # allauth sends it only when it is told to
        assert _words("nl", "Was it not you? Then you do not need to do anything.") in message.body
        for stock in STOCK:
            assert stock not in message.body
