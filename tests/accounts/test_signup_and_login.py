"""A visitor signs up without a password, verifies by email, and logs in again with a code."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from huis.accounts.models import User
from huis.accounts.roles import Role
from huis.notifications.services import notifications_send_due

pytestmark = pytest.mark.django_db


def _sent() -> list:
    """allauth's mails go through the outbox: send what is due, as the worker would."""
    notifications_send_due()
    return mail.outbox


def _code_from_last_mail() -> str:
    body = _sent()[-1].body
    match = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", body, re.MULTILINE)
    assert match, body
    return match.group(1)


def test_visitor_signs_up_verifies_logs_out_and_logs_in_with_a_code(client):
    response = client.post(
        reverse("account_signup"), {"email": "mila@test.example", "display_name": "Mila"}
    )
    assert response.status_code == 302
    user = User.objects.get(email="mila@test.example")
    assert user.display_name == "Mila"
    assert not user.has_usable_password()
    assert user.has_role(Role.VISITOR)
    assert len(_sent()) == 1
    assert "mila@test.example" in _sent()[0].to
    assert "Huis met vele kamers" in _sent()[0].body

    response = client.post(response.url, {"code": _code_from_last_mail()})
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert user.emailaddress_set.get().verified

    client.post(reverse("account_logout"))
    assert client.get(reverse("accounts:profile")).status_code == 302

    response = client.post(reverse("account_request_login_code"), {"email": "mila@test.example"})
    assert response.status_code == 302
    assert len(_sent()) == 2
    response = client.post(response.url, {"code": _code_from_last_mail()})
    assert response.status_code == 302
    profile = client.get(reverse("accounts:profile"))
    assert profile.status_code == 200
    assert profile.context["user"] == user


def test_a_wrong_code_is_refused_with_a_message_and_does_not_log_in(client, visitor):
    response = client.post(reverse("account_request_login_code"), {"email": visitor.email})
    response = client.post(response.url, {"code": "WRONG1"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_login_code_for_unknown_address_does_not_reveal_that_it_is_unknown(client):
    response = client.post(reverse("account_request_login_code"), {"email": "nobody@test.example"})
    # Same next step as for a known address: nobody learns who has an account.
    assert response.status_code == 302
    assert response.url == reverse("account_confirm_login_code")


def test_signup_asks_only_for_an_email_address_and_a_name(client):
    response = client.get(reverse("account_signup"))
    fields = set(response.context["form"].fields)
    assert fields == {"email", "display_name"}


def test_signup_page_is_dutch_by_default(client):
    response = client.get(reverse("account_signup"))
    assert response["Content-Language"] == "nl"


def test_login_page_asks_only_for_an_email_address(client):
    response = client.get(reverse("account_login"))
    assert set(response.context["form"].fields) == {"login", "remember"} or set(
        response.context["form"].fields
    ) == {"login"}


def test_login_attempts_are_rate_limited_per_address(client, visitor):
    statuses = [
        client.post(reverse("account_login"), {"login": f"p{n}@test.example"}).status_code
        for n in range(32)
    ]
    assert statuses[0] == 302
    assert statuses[-1] == 429


def test_profile_changes_are_saved_and_set_the_language(client, visitor):
    client.force_login(visitor)
    response = client.post(
        reverse("accounts:profile"),
        {"display_name": "Vera V.", "preferred_language": "fr", "phone": ""},
    )
    assert response.status_code == 302
    visitor.refresh_from_db()
    assert visitor.display_name == "Vera V."
    assert visitor.preferred_language == "fr"
    assert response.cookies["django_language"].value == "fr"
