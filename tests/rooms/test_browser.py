"""In a real browser, on a phone-sized window, in Dutch: a partner books a room of the house and
the coordinator's clashing intervision session is refused with the clash named in words.

Axe finds nothing on the new pages (the calendar, seen by the partner and by the public; the
booking form; the partner's bookings), none is wider than the phone, nothing loads from
another host.
"""

from urllib.parse import urlparse

import pytest
from django.utils import translation

from huis.rooms.models import PartnerBooking
from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_accessibility import _axe_violations, _login

from .factories import bookable_room, moment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def nl(text) -> str:
    with translation.override("nl"):
        return str(translation.gettext(text))


def _phone(browser, live_server, user=None):
    # The test injects axe itself; the portal's own CSP stays strict for real visitors.
    context = browser.new_context(viewport=PHONE, locale="nl-BE", bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    if user is not None:
        _login(context, live_server, user)
    page = context.new_page()
    page.set_default_timeout(15_000)
    host = urlparse(live_server.url).hostname
    foreign: list[str] = []
    page.on(
        "request",
        lambda r: (
            foreign.append(r.url)
            if urlparse(r.url).hostname not in {host, "localhost", "127.0.0.1", None}
            else None
        ),
    )
    return context, page, foreign


def _check(page, where: str) -> None:
    assert _axe_violations(page) == [], where
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], where


def test_a_partner_books_a_room_and_a_clashing_intervision_is_refused_with_the_clash_named(
    browser, live_server, partner_a, organisation_a, coordinator
):
    bookable_room(name="Leslokaal 1", needs_approval=False)
    day = moment(3, 14).date()

    # 1. Pia (partner A) finds the rooms in the phone menu and books Leslokaal 1, 14:00-16:00.
    context, page, foreign = _phone(browser, live_server, partner_a)
    page.goto(live_server.url + "/")
    page.get_by_text(nl("Menu"), exact=True).click()
    page.locator(".site-menu").get_by_role("link", name=nl("Rooms"), exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == nl("Room calendar")
    page.get_by_role("link", name=nl("Book a room")).click()
    _check(page, "book")
    page.get_by_label(nl("Room")).select_option(label="Leslokaal 1")
    page.get_by_label(nl("Day")).fill(day.isoformat())
    page.get_by_label(nl("Start time")).fill("14:00")
    page.get_by_label(nl("End time")).fill("16:00")
    page.get_by_label(nl("What is it for?")).fill("Teamvergadering")
    page.get_by_role("button", name=nl("Book"), exact=True).click()
    assert nl("The room is booked for you.") in page.locator(".messages").inner_text()
    assert "Teamvergadering" in page.locator("main").inner_text()
    booking = PartnerBooking.objects.get()
    assert booking.status == PartnerBooking.Status.APPROVED
    _check(page, "mine")
    screenshot(page, "rooms-mine")
    page.goto(f"{live_server.url}/zalen/?weergave=dag&dag={day.isoformat()}")
    assert "Teamvergadering" in page.locator("table").inner_text()
    _check(page, "calendar, partner")
    context.close()

    # 2. The public calendar says only that the room is in use then.
    context, page, foreign_public = _phone(browser, live_server)
    page.goto(f"{live_server.url}/zalen/?weergave=week&dag={day.isoformat()}")
    table = page.locator("table").inner_text()
    assert "14:00–16:00" in table and "Teamvergadering" not in table and "Partner A" not in table
    with translation.override("nl"):
        assert translation.pgettext("room calendar", "in use") in table
    _check(page, "calendar, public")
    screenshot(page, "rooms-calendar-public")
    context.close()

    # 3. Koen (coordinator) plans an intervision session in the same room at 15:00: refused, and
    #    the message names the booking in the way and its times. Nothing is saved.
    context, page, foreign_coordinator = _phone(browser, live_server, coordinator)
    page.goto(live_server.url + "/ervaringsdeskundigen/beheer/intervisie/nieuw/")
    page.get_by_label(nl("Title")).fill("Intervisie: grenzen bewaken")
    page.get_by_label(nl("Day")).fill(day.isoformat())
    page.get_by_label(nl("Start time")).fill("15:00")
    page.get_by_label(nl("End time")).fill("17:00")
    page.get_by_label(nl("Room of the house")).select_option(label="Leslokaal 1")
    page.get_by_role("button", name=nl("Plan the session")).click()
    said = page.locator("main").inner_text()
    assert "Leslokaal 1" in said and "Partner A: Teamvergadering" in said
    assert "14:00" in said and "16:00" in said
    assert page.get_by_label(nl("Title")).input_value() == "Intervisie: grenzen bewaken"
    _check(page, "intervision refused")
    screenshot(page, "rooms-intervision-clash")
    context.close()
    assert foreign == foreign_public == foreign_coordinator == []
