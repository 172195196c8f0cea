"""Residents heard, in a real browser (Dutch, phone and desktop): a visitor without an account
proposes an activity on the low-threshold page, the house answers publicly, and the visitor
sees the answer through their own link. axe finds no violation on the new pages."""

import pytest
from django.utils import translation

from ontmoeting.models import Proposal
from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import _axe_violations, _login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def nl(text: str) -> str:
    with translation.override("nl"):
        return str(translation.gettext(text))


def _context(browser, live_server, viewport):
    # bypass_csp only so the test can inject axe-core; the portal's own policy stays strict.
    context = browser.new_context(viewport=viewport, locale="nl-BE", bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    return context


def _checked(page, viewport) -> None:
    assert _axe_violations(page) == [], page.url
    if viewport == PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_visitor_proposes_an_activity_and_sees_the_answer(browser, viewport, live_server, staff):
    visitor = _context(browser, live_server, viewport)
    page = visitor.new_page()
    page.goto(live_server.url + "/agenda/")
    page.get_by_role("link", name=nl("Propose an activity or an idea")).first.click()
    _checked(page, viewport)
    page.get_by_role("radio", name=nl("An activity")).check()
    page.get_by_label(nl("In a few words")).fill("Samen koken")
    page.get_by_label(nl("Tell us more")).fill("Op zaterdag, voor iedereen uit de buurt.")
    page.get_by_role("button", name=nl("Send my proposal")).click()
    assert nl("Received, not answered yet") in page.locator("main").inner_text()
    _checked(page, viewport)
    own_link = page.url

    house = _context(browser, live_server, viewport)
    _login(house, live_server, staff)
    desk = house.new_page()
    desk.goto(live_server.url + "/agenda/beheer/voorstellen/")
    _checked(desk, viewport)
    desk.get_by_role("link", name="Samen koken").click()
    _checked(desk, viewport)
    desk.get_by_role("radio", name=nl("Yes, we are going to do it")).check()
    desk.locator("textarea[name=answer]").fill("Ja! Vanaf maart, elke zaterdag.")
    desk.get_by_role(
        "checkbox",
        name=nl("Show the proposal and this answer on the public page (never the name)"),
    ).check()
    desk.get_by_role("button", name=nl("Save the answer")).click()
    assert Proposal.objects.get().status == "planned"
    house.close()

    page.goto(own_link)
    main = page.locator("main").inner_text()
    assert nl("Yes, we are going to do it") in main and "Vanaf maart" in main
    others = nl("See what others proposed and what the house answered")
    page.get_by_role("link", name=others).click()
    assert "Samen koken" in page.locator("main").inner_text()
    _checked(page, viewport)
    visitor.close()
