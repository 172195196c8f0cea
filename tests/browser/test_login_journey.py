"""A visitor with an account logs in with a code sent by email, in a real browser, and finds their
activities under "Mijn activiteiten", at phone and desktop size. No password anywhere."""

import re

import pytest
from django.core import mail
from django.utils import translation

from huis.accounts.roles import Role
from huis.notifications.services import notifications_send_due
from ontmoeting.services import registration_create
from tests.factories import ActivityFactory, UserFactory

from .conftest import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


def _code_from_mail() -> str:
    body = mail.outbox[-1].body  # after notifications_send_due(): the code goes via the outbox
    match = re.search(r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4}|[A-Z0-9]{6})\s*$", body, re.MULTILINE)
    assert match, body
    return match.group(1)


def test_visitor_logs_in_with_an_emailed_code_and_sees_their_activities(page, live_server):
    visitor = UserFactory(
        email="lotte@test.example", display_name="Lotte", roles=[Role.VISITOR], password=None
    )
    coming = ActivityFactory(title="Wandelen in het park", capacity=8)
    ActivityFactory(title="Creatief atelier", capacity=8)  # not signed up: not in her list
    registration_create(activity=coming, actor=visitor, user=visitor)
    notifications_send_due()  # the sign-up's confirmation: out of the way of the code
    mail.outbox.clear()

    page.goto(live_server.url + "/")
    with page.expect_navigation():
        page.get_by_role("link", name=nl("Log in")).first.click()
    page.get_by_label(re.compile("e-mail", re.IGNORECASE)).first.fill("lotte@test.example")
    with page.expect_navigation():
        page.get_by_role("button", name=nl("Send me a login code")).click()

    # The code arrives by email (through the outbox); she types it on the page that asked for it.
    notifications_send_due()
    assert mail.outbox[-1].to == ["lotte@test.example"]
    page.get_by_role("textbox").first.fill(_code_from_mail())
    screenshot(page, "login-code")
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    screenshot(page, "after-login")

    link = page.get_by_role("link", name=nl("My activities")).first
    if not link.is_visible():
        # On a phone the menu folds behind "Menu" (a <details>): one tap opens it, no script.
        page.locator("header summary", has_text="Menu").click()
    with page.expect_navigation():
        link.click()
    main = page.get_by_role("main")
    assert "Wandelen in het park" in main.inner_text()
    assert "Creatief atelier" not in main.inner_text()
    # Cancelling is one step away, on the same page (it asks once: a <details> confirm step).
    assert main.locator("summary, button").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    screenshot(page, "mijn-activiteiten")
