"""In a real browser on a 360 px phone, in Dutch: a coordinator changes a word's explanation,
a visitor reads it at once on the glossary page and as the link's title where the word first
appears on the Recovery College's page; axe-core checks the edit page, the list and that page."""

import pytest

from tests.browser.conftest import PHONE
from tests.browser.test_accessibility import _axe_violations, _login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_coordinator_changes_a_word_and_visitors_read_it_where_the_word_appears(
    browser, live_server, coordinator
):
    context = browser.new_context(viewport=PHONE, locale="nl-BE", bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    _login(context, live_server, coordinator)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + "/beheer/woorden/")
    assert page.get_by_role("heading", level=1).inner_text() == "Moeilijke woorden"
    assert _axe_violations(page) == []
    page.get_by_role("link", name="Herstelacademie", exact=True).click()
    assert _axe_violations(page) == []
    page.get_by_label("Uitleg in eenvoudig Nederlands").fill(
        "Een school over herstel. Iedereen mag komen, ook zonder diagnose."
    )
    page.get_by_role("button", name="Opslaan").click()
    assert "Openbare pagina's leggen het woord nu uit." in page.locator(".messages").inner_text()

    visitor_context = browser.new_context(viewport=PHONE, locale="nl-BE", bypass_csp=True)
    visitor_context.add_cookies(
        [{"name": "django_language", "value": "nl", "url": live_server.url}]
    )
    visitor = visitor_context.new_page()
    visitor.set_default_timeout(15_000)
    visitor.goto(live_server.url + "/herstelacademie/")
    word = visitor.locator("main dfn a[href='/woorden/#herstelacademie']")
    assert word.count() == 1
    assert word.get_attribute("title").startswith("Een school over herstel. Iedereen mag komen")
    assert _axe_violations(visitor) == []
    assert visitor.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    word.click()
    assert visitor.url.endswith("/woorden/#herstelacademie")
    assert "ook zonder diagnose" in visitor.locator("#herstelacademie + dd").inner_text()
    assert _axe_violations(visitor) == []
    assert visitor.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()
    visitor_context.close()
