"""Every GET changes nothing: a crawl of every page, as every role, over the demo house.

The crawl starts at the home page, the dashboard, the profile and every page in the collected
access matrices that needs no object, and follows every link on the portal's own host. Before
and after, every table's rows are checksummed in PostgreSQL; they must be the same.

Left out of the comparison, on purpose:
- `audit_auditentry`: reading a sensitive record is logged, by design (append-only);
- sessions (`django_session`, allauth's `usersessions_usersession`): logging in and being seen.

Showing an activity runs `huis.places.services.offers_expire()`: an offer whose time ran out is
marked lapsed and its place goes to the next person. That write is what the beat task would do a
few minutes later anyway, only happens once the offer's time has passed, and is idempotent, so
it stays (a lapsed offer must never keep a place from the page); the last test shows a GET
changes nothing else.
"""

import re
from collections import Counter, deque
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from .matrix import collected_matrix

pytestmark = pytest.mark.django_db

EXCLUDED_TABLES = {"audit_auditentry", "django_session", "usersessions_usersession"}
SKIP_PREFIXES = ("/static/", "/media/", "/admin/", "/account/logout/")
MAX_PAGES = 150
HREF = re.compile(r'href="([^"]+)"')


def table_checksums() -> dict[str, str]:
    sums = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table in EXCLUDED_TABLES:
                continue
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                f'FROM "{table}" t'
            )
            count, digest = cursor.fetchone()
            sums[table] = f"{count}:{digest}"
    return sums


def _start_urls() -> list[str]:
    urls = ["/", reverse("core:dashboard"), reverse("accounts:profile")]
    for name, (_module, row) in collected_matrix().items():
        method, key, _expected = row[
            :3
        ]  # rows may carry more (form data), the first three are the contract
        if method == "get" and key is None:
            urls.append(reverse(name))
    return urls


ID = re.compile(r"""\sid=["']([^"']+)["']""")


def duplicate_ids(html: str) -> list[str]:
    """Ids used twice in one page: a label or aria reference then names the wrong element."""
    counts = Counter(ID.findall(html))
    return sorted(name for name, n in counts.items() if n > 1)


def is_private_link(url: str) -> bool:
    """A URL that carries a private token (a guest's sign-up, a request's follow page, a feed)."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return False
    return any("token" in name for name in match.kwargs)


def crawl(
    client,
    *,
    logged_in: bool = False,
    on_page=None,
    problems: list | None = None,
    extra_start: list[str] | None = None,
) -> list[tuple[str, int]]:
    """Visit every page reachable from the start pages; check each one's security headers.

    `on_page(url, fetch)` may wrap each request: it calls `fetch()` and returns the response.
    Pages whose ids are not unique are added to `problems`. `extra_start`: more pages to start
    from (private links, which no page links to). A private link's page must be no-store too."""
    from .test_headers import assert_headers

    seen: set[str] = set()
    queue = deque([*(extra_start or []), *_start_urls()])
    visited: list[tuple[str, int]] = []
    while queue and len(visited) < MAX_PAGES:
        url = urldefrag(queue.popleft())[0]
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "testserver":
            continue
        if url in seen or not parts.path.startswith("/") or parts.path.startswith(SKIP_PREFIXES):
            continue
        seen.add(url)
        response = on_page(url, lambda url=url: client.get(url)) if on_page else client.get(url)
        visited.append((url, response.status_code))
        assert response.status_code < 500, url
        assert_headers(response, logged_in=logged_in or is_private_link(url), where=url)
        content_type = response.get("Content-Type", "")
        if response.status_code == 200 and content_type.startswith("text/html"):
            html = response.content.decode()
            if problems is not None and (twice := duplicate_ids(html)):
                problems.append((url, twice))
            for href in HREF.findall(html):
                href = href.replace("&amp;", "&")
                if href.startswith("/") and href not in seen:
                    queue.append(href)
    return visited


def test_the_id_check_finds_an_id_used_twice():
    page = '<label for="id_reason">A</label><textarea id="id_reason"></textarea>' * 2
    assert duplicate_ids(page) == ["id_reason"]
    assert duplicate_ids('<p id="a"></p><p id="b"></p><p data-id="a"></p>') == []


@pytest.fixture
def demo_house(settings):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    settings.DEBUG = False
    from huis.accounts.demo import logins

    return [email for _role, email, _password in logins()]


@pytest.mark.timeout(1200)
def test_no_get_request_changes_any_row_and_every_page_has_the_security_headers(client, demo_house):
    """One crawl, four guards: no GET changes a row, every page has its security headers, every
    page that shows a sensitive record to someone else audits the read
    (tests/trust/test_audited_reads.py), and no page uses an id twice."""
    from django.test import Client

    from huis.accounts.models import User

    from .test_audited_reads import AuditedReads

    # Logging in writes (last login); it happens before the first checksum.
    clients = [(client, None)]
    for email in demo_house:
        reader = User.objects.get(email=email)
        clients.append((Client(), reader))
        clients[-1][0].force_login(reader)
    reads = AuditedReads()
    before = table_checksums()
    pages = []
    twice: list = []
    for each, reader in clients:
        pages += crawl(
            each, logged_in=reader is not None, on_page=reads.checker(reader), problems=twice
        )
    after = table_checksums()
    changed = sorted(t for t in before if before[t] != after.get(t))
    assert not changed, f"GET requests changed rows in: {changed}"
    assert len(pages) > 100
    reads.assert_all_logged()
    assert not twice, f"pages with an id used twice (a label then names the wrong field): {twice}"
    print(
        f"\ncrawl: {len(pages)} GET requests over {len(demo_house) + 1} roles, 0 tables changed; "
        f"{reads.audited_pages} pages showed a sensitive record, each read audited"
    )


def test_a_lapsed_offer_is_the_only_thing_a_get_may_settle(client, visitor, visitor_b):
    from django.utils import timezone

    from huis.places.models import PlaceClaim, PlaceOffering
    from huis.places.services import claim_cancel
    from ontmoeting.services import registration_create
    from tests.factories import ActivityFactory

    activity = ActivityFactory(capacity=1, waitlist_mode="offer", offer_hours=2)
    first = registration_create(activity=activity, actor=visitor, user=visitor)
    waiting = registration_create(activity=activity, actor=visitor_b, user=visitor_b)
    claim_cancel(claim=first, actor=visitor)
    waiting.refresh_from_db()
    assert waiting.status == PlaceClaim.Status.OFFERED
    PlaceClaim.objects.filter(pk=waiting.pk).update(
        offer_expires_at=timezone.now() - timezone.timedelta(minutes=1)
    )
    before = table_checksums()
    url = reverse("ontmoeting:activity", args=[activity.pk, activity.slug])
    assert client.get(url).status_code == 200
    after = table_checksums()
    changed = {t for t in before if before[t] != after[t]}
    assert changed <= {PlaceClaim._meta.db_table, PlaceOffering._meta.db_table}
    waiting.refresh_from_db()
    assert waiting.status == PlaceClaim.Status.LAPSED
    # A second look changes nothing at all.
    before = table_checksums()
    client.get(url)
    assert table_checksums() == before
