"""Playwright driving Debian's Chromium against the live test server.

No browser is downloaded: Chromium comes from Debian (`apt-get install chromium`). Every request a
page makes is recorded, and a request to any host but the test server fails the test.
"""

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


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


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    width = page.viewport_size["width"]
    path = ARTIFACTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
