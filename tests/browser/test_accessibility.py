"""axe-core on every page a visitor, a partner worker and a staff member can reach,
in every language, at phone and desktop size: zero violations of the WCAG 2.0, 2.1 and 2.2
A and AA rules.

The pages are found by crawling links from the home page (and the dashboard), so every page a new
function adds is checked without anyone having to list it here.
"""

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from .conftest import DESKTOP, PHONE

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


def _shape(path: str) -> str:
    """/agenda/12-koken/ and /agenda/13-wandelen/ are the same page template: check one of them."""
    return re.sub(r"\d+(-[\w-]+)?", "N", path.split("?")[0])


def _crawl(page, base_url: str, starts: list[str]) -> list[str]:
    seen: list[str] = []
    shapes: set[str] = set()
    queue = list(starts)
    host = urlparse(base_url).netloc
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen or _shape(path) in shapes:
            continue
        response = page.goto(base_url + path)
        if (
            response is None
            or response.status != 200
            or "text/html" not in response.headers.get("content-type", "")
        ):
            continue
        seen.append(path)
        shapes.add(_shape(path))
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
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
    return seen


def _axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


def _check(browser, live_server, login_user=None, starts=("/",)) -> tuple[int, dict]:
    checked = 0
    problems: dict[str, list[str]] = {}
    paths: list[str] | None = None
    for language in ("nl", "fr", "en"):
        for viewport in (PHONE, DESKTOP):
            # The test injects axe itself; the portal's own CSP stays strict for real visitors.
            context = browser.new_context(viewport=viewport, bypass_csp=True)
            context.add_cookies(
                [{"name": "django_language", "value": language, "url": live_server.url}]
            )
            page = context.new_page()
            if login_user is not None:
                _login(context, live_server, login_user)
                page.goto(live_server.url + "/profiel/")
                assert "/account/login" not in page.url, "the test's login did not take"
            if paths is None:
                paths = _crawl(page, live_server.url, list(starts))
            for path in paths:
                page.goto(live_server.url + path)
                violations = _axe_violations(page)
                checked += 1
                if violations:
                    problems[f"{language} {viewport['width']}px {path}"] = violations
            context.close()
    return checked, problems


def _login(context, live_server, user) -> None:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "huis.accounts.authz.CachedModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )


@pytest.fixture
def demo_house(settings):
    """The demo house, so that lists, cards and detail pages have something to show."""
    from django.core.management import call_command

    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    settings.DEBUG = False


def test_every_page_a_visitor_a_partner_and_staff_reach_has_no_accessibility_violations(
    browser, live_server, demo_house, partner_a, coordinator
):
    """One demo house for the three crawls (seeding it costs as much as a crawl)."""
    found = {}
    for who, user, starts in [
        ("public", None, ("/", "/woorden/")),
        ("partner", partner_a, ("/", "/kwartiermaken/")),
        ("staff", coordinator, ("/beheer/", "/beheer/vertalingen/", "/profiel/")),
    ]:
        checked, problems = _check(browser, live_server, user, starts=starts)
        print(f"axe: {checked} {who} page views checked, {len(problems)} with violations")
        if who == "public":
            assert checked >= 30
        found.update({f"{who}: {where}": what for where, what in problems.items()})
    assert found == {}
