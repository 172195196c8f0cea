"""The agenda on a phone (issue 22): the first activity is on the first screen, and a long
programme comes in pages of days with headings, not one page of 9,000 px. Rendered by the real
view through Django's test client and shown in the shared Chromium with the portal's CSS,
without JavaScript; axe finds nothing."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.utils import timezone

from .conftest import PHONE
from .test_form_errors_every_form import ORIGIN, _axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.timeout(120), pytest.mark.django_db]

# A page of ten cards (up to 400 px each at 360 px, with places and accessibility) with their
# days' headings, the open hours and the footer; twenty a page measured 8,500 px with the demo
# house, the whole programme on one page 9,000 and more.
MAX_HEIGHT = 6000


def _show(browser, html: str, *, javascript: bool = False):
    def serve(route):
        path = route.request.url.removeprefix(ORIGIN)
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path.removeprefix(settings.STATIC_URL).split("?")[0])
            return route.fulfill(path=found) if found else route.fulfill(status=404, body="")
        if path.startswith("/agenda/"):
            return route.fulfill(body=html, content_type="text/html; charset=utf-8")
        return route.abort()

    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.route(f"{ORIGIN}/**", serve)
    page.goto(f"{ORIGIN}/agenda/")
    return context, page


def test_on_a_phone_the_first_activity_is_on_the_first_screen_and_long_lists_are_paged(
    browser, client
):
    from tests.factories import ActivityFactory

    today = timezone.localdate()
    for n in range(45):  # three a day for fifteen days: more than one page
        day = today + dt.timedelta(days=1 + n // 3)
        starts = timezone.make_aware(dt.datetime.combine(day, dt.time(9 + 2 * (n % 3))))
        ActivityFactory(
            title=f"Samen koken {n}", starts_at=starts, ends_at=starts + dt.timedelta(hours=1)
        )
    client.cookies["django_language"] = "nl"
    response = client.get("/agenda/")
    html = response.content.decode()
    context, page = _show(browser, html)

    first = page.locator("article.activity-card").first
    assert "Samen koken 0" in first.inner_text()
    assert first.bounding_box()["y"] < PHONE["height"]
    # The filters are folded away (a <details> "Search and filter"), not a block before the list.
    assert page.locator("details.agenda-filter-box:not([open])").count() == 1
    # Grouped per day under headings, paged: the rest is behind "later activities".
    assert page.locator("article.activity-card").count() == 10
    assert page.locator(".agenda-day h2").count() == 4
    assert page.locator("a[rel=next]").count() == 1
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < MAX_HEIGHT, height
    context.close()
    context, page = _show(browser, html, javascript=True)
    assert _axe_violations(page) == []
    context.close()

    # The next page follows on from the last activity and leads back to today.
    later = client.get("/agenda/" + page_next(html)).content.decode()
    assert "Samen koken 10<" in later and "Samen koken 9<" not in later
    context, page = _show(browser, later)
    assert page.locator("article.activity-card").first.bounding_box()["y"] < PHONE["height"]
    context.close()


def page_next(html: str) -> str:
    return re.search(r'href="(\?[^"]*)" rel="next"', html).group(1).replace("&amp;", "&")
