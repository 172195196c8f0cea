"""In a real browser: the staff page with the publishing states and the kinds page, on a 360 px
phone and a desktop, in three languages, with axe finding nothing and nothing loaded from another
host. The desktop view in Dutch is the README's screenshot."""

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser.conftest import DESKTOP, PHONE, screenshot
from tests.browser.test_accessibility import _axe_violations, _login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture
def demo_house(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    settings.DEBUG = False


def test_publishing_pages_are_accessible_and_fit_a_phone(browser, live_server, demo_house, staff):
    problems = {}
    for language in ("nl", "fr", "en"):
        for viewport in (PHONE, DESKTOP):
            context = browser.new_context(viewport=viewport, bypass_csp=True)
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            _login(context, live_server, staff)
            page = context.new_page()
            foreign: list[str] = []
            page.on("request", lambda r, seen=foreign: seen.append(r.url))
            for path in ("/beheer/uitdatabank/", "/beheer/uitdatabank/soorten/"):
                page.goto(live_server.url + path)
                assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
                violations = _axe_violations(page)
                if violations:
                    problems[f"{language} {viewport['width']} {path}"] = violations
                if language == "nl" and path == "/beheer/uitdatabank/":
                    text = page.locator("main").inner_text()
                    for word in ["Gepubliceerd", "Mislukt", "Wacht", "Niet gepubliceerd"]:
                        assert word in text
                    shot = screenshot(page, "uitdatabank-publishing")
                    if viewport is DESKTOP:
                        DOCS.mkdir(parents=True, exist_ok=True)
                        shutil.copy(shot, DOCS / "uitdatabank-publishing.png")
            local = {urlparse(live_server.url).hostname, "localhost", "127.0.0.1"}
            assert [url for url in foreign if urlparse(url).hostname not in local] == []
            context.close()
    assert problems == {}
