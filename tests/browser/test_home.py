"""The home page in a real browser: landmarks, heading, language switch, no third-party request."""

import pytest

from .conftest import screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_home_page_has_its_landmarks_and_heading(page, live_server):
    page.goto(live_server.url + "/")
    assert page.locator("header").count() == 1
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    if not menu.is_visible():
        # On a phone the menu folds behind "Menu" (a <details>): one tap opens it, no script.
        page.locator("header summary", has_text="Menu").click()
    assert menu.is_visible()
    assert page.get_by_role("main").count() == 1
    assert page.get_by_role("contentinfo").count() == 1
    heading = page.get_by_role("heading", level=1)
    assert heading.count() == 1
    assert "Welkom" in heading.inner_text()
    # The agenda is one tap away, also on a phone, without any script.
    assert page.get_by_role("link", name="Bekijk de agenda").is_visible()
    # Nothing wider than the screen: no sideways scrolling on a 360 px phone.
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= page.viewport_size["width"]
    screenshot(page, "home")


def test_skip_link_is_the_first_stop_for_keyboard_users(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_switching_to_french_in_the_browser(page, live_server):
    page.goto(live_server.url + "/")
    # The language buttons at the top of the page (the footer repeats them).
    page.locator("header").get_by_role("button", name="Français").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "Bienvenue" in page.get_by_role("heading", level=1).inner_text()
