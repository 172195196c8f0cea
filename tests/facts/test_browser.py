"""In a real browser on a 360 px phone, in Dutch: a coordinator changes Monday's hours and adds a
closed day for today; the contact page, the footer and the home page show it at once. axe-core
checks the edit page and the contact page; both are photographed for the README."""

import shutil
from pathlib import Path

import pytest
from django.utils import timezone

from tests.browser.conftest import PHONE, screenshot
from tests.browser.test_accessibility import _axe_violations, _login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def test_a_coordinator_edits_hours_and_a_closed_day_and_visitors_see_it_at_once(
    browser, live_server, coordinator
):
    from huis.facts.demo import DEMO_HOURS
    from huis.facts.services import facts_update

    from .conftest import details

    hours = [(day, o, c) for day, spans in DEMO_HOURS.items() for o, c in spans]
    facts_update(actor=coordinator, details=details(), periods=hours, closures=[])
    context = browser.new_context(viewport=PHONE, locale="nl-BE", bypass_csp=True)
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    visitor_context = browser.new_context(viewport=PHONE, locale="nl-BE", bypass_csp=True)
    _login(context, live_server, coordinator)
    page = context.new_page()
    page.set_default_timeout(15_000)
    visitor = visitor_context.new_page()
    visitor.set_default_timeout(15_000)

    # A visitor has the agenda (a cached page) and the home page open before the change.
    visitor.goto(live_server.url + "/agenda/")
    assert "Kerkstraat 12" in visitor.locator("footer").inner_text()
    visitor.goto(live_server.url + "/")
    assert "Nu open tot" in visitor.locator("main").inner_text() or "Nu gesloten" in (
        visitor.locator("main").inner_text()
    )

    page.goto(live_server.url + "/beheer/huis/")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Adres, openingsuren en sluitingsdagen"
    )
    assert _axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    today = timezone.localdate()
    weekday = ["Maandag", "Dinsdag", "Woensdag", "Donderdag", "Vrijdag", "Zaterdag", "Zondag"]
    # Tomorrow's weekday: today becomes a closed day below, and a closed day hides its hours.
    edited = weekday[(today.weekday() + 1) % 7]
    page.get_by_label(edited, exact=True).fill("10:00-12:30, 13:30-18:00")
    page.get_by_label("Straat", exact=True).fill("Marktplein")
    page.get_by_label("Huisnummer").fill("3")
    new_day = page.get_by_role("group", name="Nieuwe sluitingsdag").first
    new_day.get_by_label("Datum").fill(today.isoformat())
    new_day.get_by_label("Reden, bijvoorbeeld: feestdag").fill("Teamdag")
    screenshot(page, "facts-edit")
    page.get_by_role("button", name="Opslaan").click()
    assert "Bezoekers zien de nieuwe gegevens nu." in page.locator(".messages").inner_text()
    assert page.get_by_label(edited, exact=True).input_value() == "10:00-12:30, 13:30-18:00"

    # The visitor's next views: the footer of the cached agenda, the home page, the contact page.
    visitor.goto(live_server.url + "/agenda/")
    assert "Marktplein 3" in visitor.locator("footer").inner_text()
    visitor.goto(live_server.url + "/")
    assert "Nu gesloten — we zijn weer open" in visitor.locator("main").inner_text()
    visitor.get_by_role("link", name="Contact en route").first.click()
    assert visitor.get_by_role("heading", level=1).inner_text() == "Contact en route"
    hours = visitor.locator(".opening-hours")
    assert "10:00–12:30, 13:30–18:00" in hours.locator("li", has_text=edited).first.inner_text()
    today_line = hours.locator('li[aria-current="date"]').inner_text()
    assert weekday[today.weekday()] in today_line and "gesloten: Teamdag" in today_line
    assert visitor.locator('a[href="tel:+3259123456"]').count() >= 1
    assert _axe_violations(visitor) == []
    assert visitor.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(visitor, "facts-contact")
    SCREENSHOTS.mkdir(exist_ok=True)
    for name in ("facts-edit", "facts-contact"):
        shutil.copy(
            screenshot.__globals__["ARTIFACTS"] / f"{name}-360.png",
            SCREENSHOTS / f"{name}-phone.png",
        )
    context.close()
    visitor_context.close()
