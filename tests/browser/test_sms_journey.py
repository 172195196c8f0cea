"""A guest with only a phone signs up in a real browser, the confirmation leaves through the outbox
to the local fake of Twilio's API, and the short link in that text message opens the one-button
page that cancels the place. At phone and desktop size; the pages pass axe.
"""

import re

import pytest
from django.conf import settings
from django.utils import translation

from huis.notifications.services import notifications_send_due
from huis.places.models import PlaceClaim
from tests.factories import ActivityFactory
from tests.notifications.conftest import twilio  # noqa: F401 (the fake Twilio fixture)

from .conftest import screenshot
from .test_accessibility import _axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MOBILE = "+32470123456"


def nl(msgid: str) -> str:
    with translation.override("nl"):
        return translation.gettext(msgid)


@pytest.fixture
def sms_page(browser, live_server, viewport):
    # bypass_csp only so the test can inject axe; every request is still checked to be local.
    context = browser.new_context(viewport=viewport, locale="nl-BE", bypass_csp=True)
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


def test_phone_only_guest_signs_up_gets_the_sms_and_cancels_through_its_short_link(
    sms_page,
    live_server,
    viewport,
    twilio,  # noqa: F811
):
    page = sms_page
    activity = ActivityFactory(title="Samen koken", capacity=4)

    page.goto(live_server.url + activity.get_absolute_url())
    page.get_by_label(nl("Your name"), exact=True).fill("Gert Gast")
    page.get_by_label(nl("Or a phone number"), exact=True).fill("0470 12.34.56")
    with page.expect_navigation():
        page.get_by_role("button", name=nl("Sign me up")).click()
    # The page says what comes where: by text message when only a phone was given.
    assert nl("You are signed up. See you soon!") in page.content()
    assert "STOP" in page.inner_text("main")
    assert _axe_violations(page) == []
    screenshot(page, "sms-guest-signed-up")

    # The sweep (Celery beat, every minute) hands the confirmation to "Twilio".
    notifications_send_due()
    (message,) = twilio.to(MOBILE)
    assert len(message.body) <= 160
    short = re.search(re.escape(settings.SITE_URL) + r"/k/[0-9A-Z]{12}", message.body).group(0)

    # The short link opens the same one-button page as the email link; nothing happens before
    # the button is pressed.
    page.goto(short.replace(settings.SITE_URL, live_server.url))
    assert "/agenda/inschrijving/" in page.url
    claim = PlaceClaim.objects.get(phone=MOBILE)
    assert claim.status == PlaceClaim.Status.CONFIRMED
    assert "STOP" in page.inner_text("main")  # the page says the link is in the text message
    assert _axe_violations(page) == []
    screenshot(page, "sms-guest-manage-page")
    # "I can't come" asks once (a <details>, also without JavaScript), then gives the place away.
    page.locator("summary", has_text=nl("I can't come")).click()
    with page.expect_navigation():
        page.get_by_role("button", name=nl("Yes, give my place away")).click()
    claim.refresh_from_db()
    assert claim.status == PlaceClaim.Status.CANCELLED
    assert nl("Your place is cancelled. Thank you for letting us know.") in page.content()
