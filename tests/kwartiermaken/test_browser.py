"""In a real browser on a 360 px phone: a partner worker logs a home visit, and a coordinator sees
it counted in the overview. No JavaScript of ours is needed, nothing loads from another host."""

from urllib.parse import urlparse

import pytest

from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_accessibility import _login

from .factories import NeedFactory, NeighbourhoodFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _phone(browser, live_server, user):
    context = browser.new_context(viewport=PHONE, locale="nl-BE")
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    _login(context, live_server, user)
    page = context.new_page()
    page.set_default_timeout(15_000)
    foreign: list[str] = []
    host = urlparse(live_server.url).hostname

    def record(request):
        other = urlparse(request.url).hostname
        if other and other not in {host, "localhost", "127.0.0.1"}:
            foreign.append(request.url)

    page.on("request", record)
    return context, page, foreign


def _fits_the_screen(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_a_partner_logs_a_home_visit_on_a_phone_and_the_coordinator_sees_it_counted(
    browser,
    live_server,
    partner_a,
    coordinator,
):
    NeighbourhoodFactory(name="Stationswijk")
    NeedFactory(name="Wonen")

    context, page, foreign = _phone(browser, live_server, partner_a)
    page.goto(live_server.url + "/kwartiermaken/")
    page.get_by_role("link", name="Werk noteren").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Werk noteren"
    assert page.get_by_text("Schrijf nooit een naam.").first.is_visible()
    _fits_the_screen(page)
    # Today, a home visit and one person are already filled in: choose the neighbourhood and go.
    assert page.get_by_label("Huisbezoek").is_checked()
    page.get_by_label("Wijk").select_option(label="Stationswijk")
    page.get_by_label("Wonen").check()
    page.get_by_label("Contactcode (niet verplicht)").fill("Jan")
    screenshot(page, "kwartiermaken-entry-form")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    # A name is refused, in plain Dutch, next to the field; what was chosen stays.
    assert "lijkt op een naam" in page.locator(".form-field", has_text="Contactcode").inner_text()
    assert page.get_by_label("Wonen").is_checked()
    page.get_by_label("Contactcode (niet verplicht)").fill("br-17")
    page.get_by_role("button", name="Opslaan", exact=True).click()
    assert "Opgeslagen. Bedankt." in page.locator(".messages").inner_text()
    assert "BR-17" in page.locator("main").inner_text()
    _fits_the_screen(page)
    screenshot(page, "kwartiermaken-entry-saved")
    assert foreign == []
    context.close()

    context, page, foreign = _phone(browser, live_server, coordinator)
    page.goto(live_server.url + "/kwartiermaken/overzicht/")
    totals = page.get_by_role("list", name="Totalen").inner_text()
    assert "1\nkeer werk genoteerd" in totals or "1 keer werk genoteerd" in totals
    table = page.get_by_role("table", name="Werk per wijk")
    assert "Stationswijk" in table.inner_text()
    _fits_the_screen(page)
    screenshot(page, "kwartiermaken-overview")
    assert foreign == []
    context.close()
