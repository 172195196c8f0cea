"""Constants and helpers for the browser tests; the fixtures (browser, viewport, page) live in
tests/browser/fixtures.py and are registered once, in tests/conftest.py, so every folder's browser
tests share one Chromium.

Playwright driving Debian's Chromium against the live test server.

No browser is downloaded: Chromium comes from Debian (`apt-get install chromium`). Every request a
page makes is recorded, and a request to any host but the test server fails the test.
"""

import os
from pathlib import Path

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


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    width = page.viewport_size["width"]
    path = ARTIFACTS / f"{name}-{width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
