"""The portal-wide hostile crawl: every page the crawl reaches, as every role, gets every class of
hostile value in every query parameter its view reads. No answer may be a 500.

1. The crawl of test_crawl.py visits the demo house as anonymous (also through the demo house's
   private links, which no page links to) and as every demo login. While a page is drawn, its
   request.GET is a QueryDict that writes down which keys the view reads (`get`, `[]`,
   `getlist`, `in`); keys already in the link count too.
2. For each role and each URL pattern (the first URL the crawl saw for it), each of those keys
   gets each hostile value below, one key at a time, the URL's other parameters kept.

The values that are not text (NUL, a lone CR, broken UTF-8, 100,000 characters) must be refused
by the input guard (400, huis/core/input_guard.py) before any view sees them; the others (negative
and huge numbers, a list where one value is expected) must get an answer below 500 from the view
itself. Every answer must carry the security headers (tests/trust/test_headers.py).
"""

from collections import Counter, defaultdict
from urllib.parse import parse_qsl, quote, urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIRequest
from django.http import QueryDict
from django.test import Client

from .test_crawl import crawl, demo_house  # noqa: F401 (the seeded demo house)
from .test_headers import assert_headers

pytestmark = pytest.mark.django_db

# class -> list of (key, value) pairs replacing the key; None value: sent raw (not encoded).
HOSTILE = {
    "nul": ["a\x00b"],
    "lone_cr": ["a\rb"],
    "invalid_utf8": [None],
    "long": ["A" * 100_000],
    "negative": ["-1"],
    "huge": ["99999999999999999999999"],
    "array": ["1", "x"],
}
RAW_INVALID_UTF8 = "%FF%FEa%C3"
REFUSED_BY_THE_GUARD = {"nul", "lone_cr", "invalid_utf8", "long"}


class _Reads:
    """Which GET keys the view of the current request read."""

    keys: set[str] | None = None


class RecordingQueryDict(QueryDict):
    def _note(self, key):
        if _Reads.keys is not None and isinstance(key, str):
            _Reads.keys.add(key)

    def __getitem__(self, key):
        self._note(key)
        return super().__getitem__(key)

    def get(self, key, default=None):
        self._note(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self._note(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self._note(key)
        return super().__contains__(key)


@pytest.fixture
def recorded_get(monkeypatch):
    from django.core.handlers.wsgi import get_bytes_from_wsgi

    def get(request):
        if "_recorded_get" not in request.__dict__:
            raw = get_bytes_from_wsgi(request.environ, "QUERY_STRING", "")
            request.__dict__["_recorded_get"] = RecordingQueryDict(raw, encoding=request._encoding)
        return request.__dict__["_recorded_get"]

    def set_get(request, value):
        request.__dict__["_recorded_get"] = value

    monkeypatch.setattr(WSGIRequest, "GET", property(get, set_get))


def private_links() -> list[str]:
    """A few of the demo house's private links: a guest's sign-up, a request's follow page, an
    expert's proposal and calendar feed."""
    from django.urls import reverse

    from ervaringsdeskundigen.models import Assignment, Expert, ExpertRequest
    from ervaringsdeskundigen.notify import follow_url, proposal_url
    from huis.places.models import PlaceClaim
    from ontmoeting.models import Activity
    from ontmoeting.notify import manage_url

    urls = []
    for claim in PlaceClaim.objects.filter(user=None).order_by("pk")[:2]:
        activity = Activity.objects.filter(offering_id=claim.offering_id).first()
        if activity is not None:
            urls.append(manage_url(claim, activity))
    urls += [follow_url(r) for r in ExpertRequest.objects.order_by("pk")[:2]]
    urls += [proposal_url(a) for a in Assignment.objects.order_by("pk")[:1]]
    for expert in Expert.objects.exclude(feed_token="").order_by("pk")[:1]:
        urls.append(reverse("ervaringsdeskundigen:feed", kwargs={"token": expert.feed_token}))
    return [url.removeprefix(django_settings.SITE_URL) for url in urls]


def _fresh_cache() -> None:
    """Rate limits are tested elsewhere; the worker and beat stay alive for /healthz."""
    from huis.core import heartbeat

    cache.clear()
    heartbeat.record(heartbeat.WORKER)
    heartbeat.record(heartbeat.BEAT)


def _query(pairs: list[tuple[str, str | None]]) -> str:
    return "&".join(
        f"{quote(k, safe='')}={RAW_INVALID_UTF8 if v is None else quote(v, safe='')}"
        for k, v in pairs
    )


def _targets(client, *, logged_in: bool, extra_start=None) -> dict[str, tuple[str, set[str]]]:
    """URL pattern -> (the first URL the crawl saw for it, the GET keys its view read)."""
    targets: dict[str, tuple[str, set[str]]] = {}

    def on_page(url, fetch):
        _Reads.keys = set()
        try:
            response = fetch()
        finally:
            keys, _Reads.keys = _Reads.keys, None
        match = getattr(response, "resolver_match", None)
        if match is not None and response.status_code < 400:
            keys |= {k for k, _v in parse_qsl(urlsplit(url).query, keep_blank_values=True)}
            route = f"{match.view_name} {match.route}"
            _first, known = targets.setdefault(route, (url, set()))
            known |= keys
        return response

    crawl(client, logged_in=logged_in, on_page=on_page, extra_start=extra_start)
    return targets


@pytest.mark.timeout(1500)
def test_every_query_parameter_of_every_page_as_every_role_survives_hostile_values(
    demo_house,  # noqa: F811
    recorded_get,
    django_capture_on_commit_callbacks,
):
    from huis.accounts.models import User

    roles = [("anonymous", None), *((email, User.objects.get(email=email)) for email in demo_house)]
    answers: Counter = Counter()
    by_class: dict[str, Counter] = defaultdict(Counter)
    failures: list = []
    routes = parameters = requests = 0
    reached: set[tuple[str, str]] = set()
    for role, user in roles:
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user)
        with django_capture_on_commit_callbacks(execute=False):
            targets = _targets(
                client,
                logged_in=user is not None,
                extra_start=private_links() if user is None else None,
            )
        for _route, (url, keys) in sorted(targets.items()):
            routes += 1
            parts = urlsplit(url)
            base = parse_qsl(parts.query, keep_blank_values=True)
            for key in sorted(keys):
                parameters += 1
                reached.add((parts.path, key))
                kept = [(k, v) for k, v in base if k != key]
                for kind, values in HOSTILE.items():
                    target = f"{parts.path}?{_query(kept + [(key, v) for v in values])}"
                    _fresh_cache()
                    with django_capture_on_commit_callbacks(execute=False):
                        response = client.get(target)
                    requests += 1
                    status = response.status_code
                    answers[status] += 1
                    by_class[kind][status] += 1
                    where = (role, parts.path, key, kind)
                    if status >= 500 or (kind in REFUSED_BY_THE_GUARD and status != 400):
                        failures.append((*where, status))
                        continue
                    assert_headers(response, logged_in=user is not None, where=str(where))
    print(
        f"\nhostile crawl: {len(roles)} roles, {routes} (role, URL pattern) pairs, {parameters} "
        f"(role, URL, parameter) triples x {len(HOSTILE)} value classes = {requests} requests; "
        f"answers {dict(sorted(answers.items()))}; "
        + "; ".join(f"{kind}: {dict(sorted(c.items()))}" for kind, c in by_class.items())
    )
    assert not failures, failures
    # The searches of issue #20 (a NUL byte answered 500) are among the parameters found.
    assert {
        ("/gastvrije-plekken/", "zoek"),
        ("/gastvrije-plekken/", "waar"),
        ("/kwartiermaken/werk/", "zoek"),
        ("/kwartiermaken/signalen/", "zoek"),
    } <= reached
    assert answers[500] == 0
    assert parameters > 20 and requests == parameters * len(HOSTILE)
