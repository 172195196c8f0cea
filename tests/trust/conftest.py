"""The browser fixtures (Debian's Chromium, third-party requests fail the test) for the trust
pages' browser test."""

from tests.browser.conftest import browser, page, viewport  # noqa: F401
