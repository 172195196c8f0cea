"""axe-core on every page a visitor, a partner worker and a staff member can reach,
in every language, at phone and desktop size: zero violations of the WCAG 2.0, 2.1 and 2.2
A and AA rules.

The pages are found by crawling links from the home page (and the dashboard), so every page a new
function adds is checked without anyone having to list it here.

Each role's pages are crawled one at a time (the crawl decides which pages there are), then checked
PARALLEL pages at a time: six browser contexts (three languages, two sizes), their pages driven
with Playwright's async API in a thread of their own, against the threaded live server.
"""

import asyncio
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from .conftest import CHROMIUM_FLAGS, DESKTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    # Three crawls (visitor, partner, staff), each up to MAX_PAGES pages in three languages at two
    # sizes with axe: minutes per role on a 2-core machine.
    pytest.mark.timeout(2400),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SKIP_PREFIXES = ("/admin/", "/account/logout/", "/static/", "/media/")
SKIP_SUFFIXES = (".ics", ".csv", ".pdf", ".json")
MAX_PAGES = 40
LINKS = "els => els.map(e => e.href)"
LANGUAGES = ("nl", "fr", "en")
VIEWPORTS = (PHONE, DESKTOP)
# Pages checked at once: the live server renders one while Chromium runs axe on others (2 cores).
PARALLEL = 4
COMBOS = [(language, viewport) for language in LANGUAGES for viewport in VIEWPORTS]


def _shape(path: str) -> str:
    """/agenda/12-koken/ and /agenda/13-wandelen/ are the same page template: check one of them."""
    return re.sub(r"\d+(-[\w-]+)?", "N", path.split("?")[0])


def _new_links(base_url: str, path: str, hrefs, seen: list[str], queue: list[str]) -> None:
    """Queue the links of a page on this site that the crawl has not met yet."""
    host = urlparse(base_url).netloc
    for href in hrefs:
        url = urlparse(urljoin(base_url + path, href))
        if url.netloc != host:
            continue
        candidate = url.path + (f"?{url.query}" if url.query else "")
        if (
            url.path.startswith(SKIP_PREFIXES)
            or url.path.endswith(SKIP_SUFFIXES)
            or candidate in seen
            or candidate in queue
        ):
            continue
        queue.append(candidate)


def _is_html_page(response) -> bool:
    return (
        response is not None
        and response.status == 200
        and "text/html" in response.headers.get("content-type", "")
    )


def _crawl(page, base_url: str, starts: list[str]) -> list[str]:
    """The crawl with a page of the sync API (tests/browser/test_layout.py uses it)."""
    seen: list[str] = []
    shapes: set[str] = set()
    queue = list(starts)
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen or _shape(path) in shapes:
            continue
        if not _is_html_page(page.goto(base_url + path)):
            continue
        seen.append(path)
        shapes.add(_shape(path))
        _new_links(base_url, path, page.eval_on_selector_all("a[href]", LINKS), seen, queue)
    return seen


async def _crawl_async(page, base_url: str, starts: list[str]) -> list[str]:
    """The same crawl with a page of the async API."""
    seen: list[str] = []
    shapes: set[str] = set()
    queue = list(starts)
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen or _shape(path) in shapes:
            continue
        if not _is_html_page(await page.goto(base_url + path)):
            continue
        seen.append(path)
        shapes.add(_shape(path))
        _new_links(base_url, path, await page.eval_on_selector_all("a[href]", LINKS), seen, queue)
    return seen


AXE_RUN = "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})"


def _violation_lines(result) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def _axe_violations(page) -> list[str]:
    """axe on a page of the sync API (the other folders' browser tests use it)."""
    page.add_script_tag(path=str(AXE))
    return _violation_lines(page.evaluate(AXE_RUN, WCAG_TAGS))


async def _axe_violations_async(page) -> list[str]:
    await page.add_script_tag(path=str(AXE))
    return _violation_lines(await page.evaluate(AXE_RUN, WCAG_TAGS))


async def _check(browser, base_url: str, cookies, starts) -> tuple[int, dict]:
    """One role: crawl in Dutch at phone size, then check every page found in every language at
    both sizes, PARALLEL pages at a time. `cookies` holds a session cookie per context (or None)."""
    contexts = {}
    for index, (language, viewport) in enumerate(COMBOS):
        # The test injects axe itself; the portal's own CSP stays strict for real visitors.
        context = await browser.new_context(viewport=viewport, bypass_csp=True)
        await context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
        if cookies is not None:
            await context.add_cookies([cookies[index]])
            page = await context.new_page()
            await page.goto(base_url + "/profiel/")
            assert "/account/login" not in page.url, "the test's login did not take"
            await page.close()
        contexts[language, viewport["width"]] = context
    crawler = await contexts[LANGUAGES[0], VIEWPORTS[0]["width"]].new_page()
    paths = await _crawl_async(crawler, base_url, list(starts))
    await crawler.close()

    jobs: asyncio.Queue = asyncio.Queue()
    for language, viewport in COMBOS:
        for path in paths:
            jobs.put_nowait((language, viewport["width"], path))
    results: dict[tuple, list[str]] = {}

    async def worker():
        # One page open per worker: the jobs come context by context, so it seldom changes.
        page, page_context = None, None
        while not jobs.empty():
            key = jobs.get_nowait()
            language, width, path = key
            if page_context != (language, width):
                if page is not None:
                    await page.close()
                page_context = (language, width)
                page = await contexts[page_context].new_page()
            await page.goto(base_url + path)
            results[key] = await _axe_violations_async(page)

    await asyncio.gather(*(worker() for _ in range(PARALLEL)))
    for context in contexts.values():
        await context.close()

    problems: dict[str, list[str]] = {}
    for language, viewport in COMBOS:  # the order the pages were checked in one at a time
        for path in paths:
            violations = results[language, viewport["width"], path]
            if violations:
                problems[f"{language} {viewport['width']}px {path}"] = violations
    return len(results), problems


async def _check_roles(base_url: str, roles) -> list[tuple[int, dict]]:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS
        )
        try:
            return [
                await _check(browser, base_url, cookies, starts) for _who, cookies, starts in roles
            ]
        finally:
            await browser.close()


def _session_cookie(live_server, user) -> dict:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "huis.accounts.authz.CachedModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": session.session_key,
        "url": live_server.url,
    }


def _login(context, live_server, user) -> None:
    """Log a sync API browser context in as `user` (the other folders' browser tests use it)."""
    context.add_cookies([_session_cookie(live_server, user)])


@pytest.fixture
def demo_house(settings):
    """The demo house, so that lists, cards and detail pages have something to show."""
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    settings.DEBUG = False


def test_every_page_a_visitor_a_partner_and_staff_reach_has_no_accessibility_violations(
    live_server, demo_house, partner_a, coordinator
):
    """One demo house for the three crawls (seeding it costs as much as a crawl)."""
    roles = [
        ("public", None, ("/", "/woorden/")),
        ("partner", partner_a, ("/", "/kwartiermaken/")),
        ("staff", coordinator, ("/beheer/", "/beheer/vertalingen/", "/profiel/")),
    ]
    # The sessions are made here, in the test's thread (one per context); Chromium is driven from
    # a thread of its own.
    sessions = [
        (who, None if user is None else [_session_cookie(live_server, user) for _ in COMBOS], at)
        for who, user, at in roles
    ]
    with ThreadPoolExecutor(max_workers=1) as pool:
        results = pool.submit(asyncio.run, _check_roles(live_server.url, sessions)).result()
    found = {}
    for (who, _user, _starts), (checked, problems) in zip(roles, results, strict=True):
        print(f"axe: {checked} {who} page views checked, {len(problems)} with violations")
        if who == "public":
            assert checked >= 30
        found.update({f"{who}: {where}": what for where, what in problems.items()})
    assert found == {}
