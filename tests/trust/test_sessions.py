"""Sessions: a new session id at login, logout ends the session, a password change ends the
other sessions, staff and partner sessions end after 30 idle minutes, and a person sees and ends
their other sessions."""

import re

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from huis.accounts.middleware import IDLE_TIMEOUT_SENSITIVE
from huis.notifications.services import notifications_send_due

pytestmark = pytest.mark.django_db

PASSWORD = "test-password-123"
NEW_PASSWORD = "een-nieuw-wachtwoord-42"


def _logged_in(client: Client) -> bool:
    response = client.get(reverse("accounts:profile"))
    return response.status_code == 200


def _login(client: Client, user) -> None:
    """Log in as people do: ask a code by email, type it in."""
    response = client.post(reverse("account_request_login_code"), {"email": user.email})
    assert response.status_code == 302
    notifications_send_due()  # the code goes through the outbox
    body = mail.outbox[-1].body
    code = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", body, re.MULTILINE)
    response = client.post(response.url, {"code": code.group(1)})
    assert response.status_code == 302
    assert _logged_in(client)


def test_login_gives_a_new_session_id(client, visitor):
    client.get(reverse("account_login"))
    session = client.session  # a session that exists before logging in (fixation)
    session["planted"] = "by someone else"
    session.save()
    before = session.session_key
    _login(client, visitor)
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_logout_ends_the_session(client, visitor):
    _login(client, visitor)
    key = client.session.session_key
    client.post(reverse("account_logout"))
    assert not _logged_in(client)
    assert not Session.objects.filter(session_key=key).exists()


@pytest.mark.parametrize("login", ["by code", "by password"])
def test_password_change_ends_the_other_sessions(visitor, login):
    """By password (and by a text message's link) a session is the portal's own backend's, which
    keeps the person in the cache without their password: the new one counts all the same."""
    here, elsewhere = Client(), Client()
    for client in (here, elsewhere):
        if login == "by code":
            _login(client, visitor)
        else:
            client.force_login(visitor, backend="huis.accounts.authz.CachedModelBackend")
            assert _logged_in(client) and _logged_in(client)  # the second from the cache
    response = here.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert _logged_in(here)
    assert not _logged_in(elsewhere)


@pytest.mark.parametrize(
    ("role", "idle_seconds"),
    [
        ("staff", IDLE_TIMEOUT_SENSITIVE),
        ("coordinator", IDLE_TIMEOUT_SENSITIVE),
        ("administrator", IDLE_TIMEOUT_SENSITIVE),
        ("partner_a", IDLE_TIMEOUT_SENSITIVE),
        ("visitor", None),
        ("expert", None),
    ],
)
def test_sensitive_roles_are_logged_out_after_30_idle_minutes(role, idle_seconds, as_role):
    client = as_role(role)
    assert _logged_in(client)
    session = client.session
    if idle_seconds is None:
        assert session.get_expiry_age() > IDLE_TIMEOUT_SENSITIVE
        return
    assert session.get_expiry_age() == IDLE_TIMEOUT_SENSITIVE == 30 * 60
    # Every request starts the 30 minutes again; after 31 minutes without one, it is over.
    Session.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(minutes=1)
    )
    cache.clear()  # sessions are cached in Redis; the database row is the truth
    assert not _logged_in(client)


def test_a_person_sees_and_ends_their_other_sessions(visitor, visitor_b):
    here, elsewhere, someone_else = Client(), Client(), Client()
    _login(here, visitor)
    _login(elsewhere, visitor)
    _login(someone_else, visitor_b)
    page = here.get(reverse("usersessions_list"))
    assert page.status_code == 200
    assert len(page.context["sessions"]) == 2
    response = here.post(reverse("usersessions_list"))
    assert response.status_code == 302
    assert _logged_in(here)
    assert not _logged_in(elsewhere)
    assert _logged_in(someone_else)
