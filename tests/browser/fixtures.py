"""The browser fixtures, registered once for the whole test session in tests/conftest.py.

Playwright drives Debian's Chromium (`apt-get install chromium`); every request a page makes is
recorded, and a request to any host but the test server fails the test.
"""

import shutil
from urllib.parse import urlparse

import pytest

from .conftest import CHROMIUM_FLAGS, DESKTOP, PHONE


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail(
            "Debian's chromium is missing: `apt-get install chromium` (scripts/test does it)."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(params=[PHONE, DESKTOP], ids=["phone", "desktop"])
def viewport(request):
    return request.param


@pytest.fixture
def page(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport, locale="nl-BE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    server_host = urlparse(live_server.url).hostname
    foreign: list[str] = []

    def record(request):
        host = urlparse(request.url).hostname
        if host and host not in {server_host, "localhost", "127.0.0.1"}:
            foreign.append(request.url)

    page.on("request", record)
    yield page
    context.close()
    assert foreign == [], f"The page loaded from third-party hosts: {foreign}"
