"""What axe cannot see, over the crawl of the portal (issue 22), for a visitor, a partner worker
and a coordinator:

- no page scrolls sideways on a 320 px phone (a table may scroll inside its own region);
- the header takes at most 120 px on a 360 px phone;
- every id that an aria-describedby names exists on the page (a screen reader reads nothing for
  an id that does not).
"""

import pytest

from .test_accessibility import MAX_PAGES, _crawl, _login, demo_house  # noqa: F401
from .test_form_errors import MISSING_DESCRIBEDBY

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(1200),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NARROW = {"width": 320, "height": 640}
PHONE = {"width": 360, "height": 740}

# The widest element that sticks out on the right, to say what to fix.
WIDEST = """() => { const w = document.documentElement.clientWidth; let worst = null;
  for (const el of document.querySelectorAll('main *, header *, footer *')) {
    const r = el.getBoundingClientRect();
    if (r.right > w + 1 && (!worst || r.right > worst[1])) {
      let p = el.parentElement, clipped = false;
      while (p) { const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; }
        p = p.parentElement; }
      if (!clipped) worst = [el.tagName + '.' + el.className, Math.round(r.right)]; } }
  return worst; }"""


def _layout_problems(browser, live_server, user=None, starts=("/",)) -> tuple[int, dict]:
    problems: dict[str, list[str]] = {}
    context = browser.new_context(viewport=NARROW, locale="nl-BE")
    context.add_cookies([{"name": "django_language", "value": "nl", "url": live_server.url}])
    if user is not None:
        _login(context, live_server, user)
    page = context.new_page()
    page.set_default_timeout(15_000)
    paths = _crawl(page, live_server.url, list(starts))
    for path in paths:
        found: list[str] = []
        page.set_viewport_size(NARROW)
        page.goto(live_server.url + path)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > NARROW["width"]:
            found.append(f"{scroll_width} px wide at 320 px: {page.evaluate(WIDEST)}")
        found += [
            f"aria-describedby names a missing id: {m}" for m in page.evaluate(MISSING_DESCRIBEDBY)
        ]
        page.set_viewport_size(PHONE)
        height = page.evaluate("document.querySelector('.site-header').offsetHeight")
        if height > 120:
            found.append(f"header {height} px high at 360 px")
        if found:
            problems[path] = found
    context.close()
    return len(paths), problems


def test_public_pages_fit_a_narrow_phone(browser, live_server, demo_house):  # noqa: F811
    checked, problems = _layout_problems(browser, live_server)
    print(f"layout: {checked} public pages checked")
    assert checked >= 15
    assert problems == {}


def test_partner_pages_fit_a_narrow_phone(browser, live_server, demo_house):  # noqa: F811
    from huis.accounts.models import User

    partner = User.objects.get(email="partner@huis.example")
    checked, problems = _layout_problems(
        browser, live_server, partner, starts=("/", "/kwartiermaken/", "/netwerk/")
    )
    print(f"layout: {checked} partner pages checked")
    assert problems == {}


def test_staff_pages_fit_a_narrow_phone(browser, live_server, demo_house):  # noqa: F811
    from huis.accounts.models import User

    coordinator = User.objects.get(email="coordinator@huis.example")
    checked, problems = _layout_problems(
        browser,
        live_server,
        coordinator,
        starts=("/beheer/", "/ervaringsdeskundigen/", "/profiel/"),
    )
    print(f"layout: {checked} staff pages checked")
    assert problems == {}


def test_the_map_controls_speak_the_page_language(browser, live_server, demo_house):  # noqa: F811
    from django.utils import translation

    for language in ("nl", "fr", "en"):
        context = browser.new_context(viewport=PHONE)
        context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
        page = context.new_page()
        page.goto(live_server.url + "/gastvrije-plekken/kaart/")
        with translation.override(language):
            zoom_in, zoom_out = translation.gettext("Zoom in"), translation.gettext("Zoom out")
        assert page.locator(".leaflet-control-zoom-in").get_attribute("title") == zoom_in
        assert page.locator(".leaflet-control-zoom-out").get_attribute("title") == zoom_out
        context.close()
