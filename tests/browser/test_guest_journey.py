"""A guest signs up for a full-but-one activity in a real browser, gets the confirmation email,
cancels through the link in it, and the first person on the waiting list gets the place and is told.

The same journey runs with JavaScript on, with JavaScript switched off, and by keyboard alone, at
phone and desktop size. Messages leave through the real outbox sweep (what Celery beat runs every
minute) into Django's test outbox.
"""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation

from huis.notifications.services import notifications_send_due
from huis.places.models import PlaceClaim
from ontmoeting.services import registration_create
from tests.factories import ActivityFactory

from .conftest import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


@pytest.fixture(params=["javascript", "no-javascript", "keyboard"])
def mode(request):
    return request.param


@pytest.fixture
def journey_page(browser, live_server, viewport, mode):
    context = browser.new_context(
        viewport=viewport, locale="nl-BE", java_script_enabled=mode != "no-javascript"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    foreign: list[str] = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url) if not r.url.startswith((live_server.url, "data:")) else None
        ),
    )
    yield page
    context.close()
    assert foreign == [], f"The page loaded from third-party hosts: {foreign}"


def _fill(page, label: str, value: str, *, keyboard: bool) -> None:
    field = page.get_by_label(label, exact=True)
    if keyboard:
        field.focus()
        page.keyboard.type(value)
    else:
        field.fill(value)


def _press(page, name: str, *, keyboard: bool) -> None:
    button = page.get_by_role("button", name=name)
    with page.expect_navigation():
        if keyboard:
            button.focus()
            page.keyboard.press("Enter")
        else:
            button.click()


def _emails_to(address: str) -> list:
    return [m for m in mail.outbox if address in m.to]


def test_guest_signs_up_cancels_from_the_email_and_the_next_person_gets_the_place(
    journey_page, live_server, mode, viewport
):
    page = journey_page
    keyboard = mode == "keyboard"
    activity = ActivityFactory(title="Samen koken", capacity=2)
    registration_create(activity=activity, actor=None, name="Marie", email="marie@test.example")
    mail.outbox.clear()

    # The guest finds the activity in the agenda and signs up with a name and an email address.
    page.goto(live_server.url + "/agenda/")
    link = page.get_by_role("link", name=re.compile("Samen koken"))
    with page.expect_navigation():
        if keyboard:
            link.focus()
            page.keyboard.press("Enter")
        else:
            link.click()
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Samen koken"
    _fill(page, nl("Your name"), "Gert Gast", keyboard=keyboard)
    _fill(page, nl("Email address"), "gert@test.example", keyboard=keyboard)
    _press(page, nl("Sign me up"), keyboard=keyboard)
    assert nl("You are signed up. See you soon!") in page.content()
    screenshot(page, f"guest-signed-up-{mode}")

    # The activity is now full: the next person goes on the waiting list.
    waiting = registration_create(
        activity=activity, actor=None, name="Wout", email="wout@test.example"
    )
    assert waiting.status == PlaceClaim.Status.WAITING

    # The confirmation arrives (the sweep beat runs every minute sends what is due).
    notifications_send_due()
    (confirmation,) = _emails_to("gert@test.example")
    assert "Samen koken" in confirmation.subject + confirmation.body
    assert any(name.endswith(".ics") for name, *_ in confirmation.attachments)
    link_pattern = re.escape(settings.SITE_URL) + r"/agenda/\S+"
    cancel_url = re.search(link_pattern, confirmation.body).group(0)

    # The link in the email opens a page with one button; nothing happens before it is pressed.
    page.goto(cancel_url.replace(settings.SITE_URL, live_server.url))
    guest = PlaceClaim.objects.get(email="gert@test.example")
    assert guest.status == PlaceClaim.Status.CONFIRMED
    screenshot(page, f"guest-cancel-page-{mode}")
    # "I can't come" asks once (a <details>, so also without JavaScript); nothing happens yet.
    summary = page.locator("summary", has_text=nl("I can't come"))
    if keyboard:
        summary.focus()
        page.keyboard.press("Enter")
    else:
        summary.click()
    guest.refresh_from_db()
    assert guest.status == PlaceClaim.Status.CONFIRMED
    _press(page, nl("Yes, give my place away"), keyboard=keyboard)

    guest.refresh_from_db()
    waiting.refresh_from_db()
    assert guest.status == PlaceClaim.Status.CANCELLED
    assert waiting.status == PlaceClaim.Status.CONFIRMED
    # The page says it is done, in Dutch.
    assert page.locator("html").get_attribute("lang") == "nl"
    assert nl("Your place is cancelled. Thank you for letting us know.") in page.content()

    # The person who waited was told they were on the waiting list, and now that they have a place.
    (on_list,) = _emails_to("wout@test.example")
    mail.outbox.clear()
    notifications_send_due()
    (told,) = _emails_to("wout@test.example")
    assert told.subject != on_list.subject
    assert "Samen koken" in told.subject + told.body
    # Marie's place was never touched.
    assert PlaceClaim.objects.get(email="marie@test.example").status == "confirmed"
