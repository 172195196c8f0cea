"""Whole public pages cached for anonymous visitors, with exact invalidation.

A page is stored under a key made of its address, its language and the current version of every
"scope" of data it shows (for example "ontmoeting" and "places"): the scopes and their versions of
`huis.core.versioned_cache`. What bumps a scope is declared with its `watch()` in the app's
`ready()` (code that writes without signals calls `bump(scope)`, re-exported here);
the new version is written again after the transaction commits, so the next visitor gets
a page rendered from the committed data, and the stale copy is never read again. Places left are
therefore exact after every sign-up and cancellation, not "a minute later".

Per-visitor parts stay per visitor: the CSRF token and the CSP nonce are cut out of the stored copy
and filled in again for each request. Logged-in people, requests with a pending message and
anything but a plain GET are never served from (or stored in) the cache.

Served early (issue #30): a visitor without a session cookie cannot be logged in and has no
pending message, so `CachedPageMiddleware` answers them from the stored copy before the rest of
the middleware and the view run: one cache round trip (the scopes' versions and the page
together), no query. A view opts in by naming its scopes in `page_cache_scopes` (and, when
something must happen before every showing, `page_cache_prepare(versions)`, which is told the
versions just read with the page: the activity page learns from them, in this process, that no
offer has lapsed, and costs a round trip only after a change of places). The middleware stands after
the ones that make a page's headers (security, CSP, session, language, CSRF, frame options), so
an early answer gets the same headers, a fresh nonce and the visitor's own CSRF token.
"""

import functools
import hashlib
import re
from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, URLResolver, get_resolver, get_urlconf
from django.utils.cache import patch_vary_headers
from django.utils.csp import LazyNonce

from .versioned_cache import bump, computed_under, is_recording, read_with_versions, versions

__all__ = [
    "CSRF_MARK",
    "CachedPageMiddleware",
    "bump",
    "cached_page",
    "prepare_page",
    "versions",
    "with_token",
]

CSRF_MARK = "__huis_csrf_token__"
NONCE_MARK = "__huis_csp_nonce__"
TOKEN_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# What every page shows in its footer (the house's address and phone: huis.facts), and the texts
# staff write for the pages (huis.pages: the function pages' introductions).
EVERY_PAGE = ("house", "pages")
DEFAULT_TIMEOUT = 60  # seconds: bounds what only the clock changes ("sign-up closes at 10:00")


def _cacheable(request: HttpRequest) -> bool:
    if request.method != "GET" or request.user.is_authenticated:
        return False
    if "messages" in request.COOKIES:
        return False
    return not (hasattr(request, "session") and request.session.get("_messages"))


def _key(request: HttpRequest, scopes: tuple[str, ...]) -> str:
    """The page's key: its address and language; the scopes' versions are stored with it."""
    parts = [request.get_full_path(), getattr(request, "LANGUAGE_CODE", ""), *scopes]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"pagecache:page:{digest}"


def _nonce(request: HttpRequest) -> LazyNonce | None:
    return getattr(request, "_csp_nonce", None)


def with_token(body: str, request: HttpRequest) -> str:
    """Something drawn once and kept (a page, a person's cards, a list's rows), with its forms'
    CSRF marks (drawn with `csrf_token=CSRF_MARK` in the context) filled in with this visitor's
    own token."""
    return body.replace(CSRF_MARK, get_token(request)) if CSRF_MARK in body else body


def _served(request: HttpRequest, body: str) -> HttpResponse:
    """The stored copy with this visitor's CSRF token and this response's nonce."""
    body = with_token(body, request)
    nonce = _nonce(request)
    if NONCE_MARK in body and nonce is not None:
        body = body.replace(NONCE_MARK, str(nonce))
    return HttpResponse(body, content_type="text/html; charset=utf-8")


def cached_page(
    request: HttpRequest,
    *,
    scopes: tuple[str, ...],
    render: Callable[[], HttpResponse],
    timeout: int = DEFAULT_TIMEOUT,
) -> HttpResponse:
    """The page from the cache when an anonymous visitor may have it; else `render()` (and keep
    a copy when the answer is a plain 200 page)."""
    if not _cacheable(request):
        return render()
    scopes = (*scopes, *EVERY_PAGE)
    key = _key(request, scopes)
    current, entry = read_with_versions(key, scopes)
    if entry is not None:
        return _served(request, entry[1])

    def render_now() -> HttpResponse:
        response = render()
        if hasattr(response, "render"):
            response.render()
        return response

    # The guard (tests/core/test_versioned_cache.py) records the tables a page reads here.
    name = f"page:{getattr(request.resolver_match, 'view_name', '') or request.path}"
    response = computed_under(name, scopes, render_now)
    if response.status_code == 200 and not response.streaming:
        body = response.content.decode(response.charset or "utf-8")
        for token in set(TOKEN_FIELD.findall(body)):
            body = body.replace(token, CSRF_MARK)
        nonce = _nonce(request)
        if nonce is not None and bool(nonce):  # only when the page used it
            body = body.replace(str(nonce), NONCE_MARK)
        cache.set(key, (current, body), timeout)
    return response


def prepare_page(
    request: HttpRequest,
    prepare: Callable[[dict[str, int] | None], bool],
    versions: dict[str, int] | None = None,
) -> bool:
    """Run a view's `page_cache_prepare`, unless the middleware did so for this request already
    (it prepares once it has read the stored copy, and passes the request on when there is none
    or when preparing changed what the page shows). `versions`: the page's scopes' versions as
    just read, when known. True when preparing changed data (a stored copy is old then)."""
    if getattr(request, "_page_cache_prepared", False):
        return False
    request._page_cache_prepared = True
    return bool(prepare(versions))


class _Early(NamedTuple):
    """A cacheable page's view and its match (for the request's log line): found once per
    address."""

    match: object
    view_class: type


@functools.lru_cache(maxsize=2048)
def _early_page(resolver: URLResolver, path: str) -> _Early | None:
    """The cacheable view at `path`, or None. Kept per address (the resolver is part of the key,
    so a changed URL configuration starts afresh): the middleware asks for every GET without a
    session, and Django resolves the address again when the request passes on, so resolving it
    here too would be paid twice."""
    try:
        match = resolver.resolve(path)
    except Resolver404:
        return None
    view_class = getattr(match.func, "view_class", None)
    if getattr(view_class, "page_cache_scopes", None) is None:
        return None
    return _Early(match, view_class)


class CachedPageMiddleware:
    """Answers a visitor without a session from the stored copy of a public page, before the rest
    of the middleware and the view (see the module's text). Anything else passes on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.session_cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (
            request.method == "GET"
            and self.session_cookie not in request.COOKIES
            and "messages" not in request.COOKIES
            and not is_recording()
        ):
            response = self._early(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _early(self, request: HttpRequest) -> HttpResponse | None:
        page = _early_page(get_resolver(get_urlconf()), request.path_info)
        if page is None:
            return None
        scopes = (*page.view_class.page_cache_scopes, *EVERY_PAGE)
        current, entry = read_with_versions(_key(request, scopes), scopes)
        prepare = getattr(page.view_class, "page_cache_prepare", None)
        # After the read: it may learn from the versions just read that it has nothing to do.
        if prepare is not None and prepare_page(
            request, prepare, dict(zip(scopes, current, strict=True))
        ):
            return None  # it changed what the page shows: the view renders it anew
        if entry is None:
            return None
        request.resolver_match = page.match  # for the request's log line
        response = _served(request, entry[1])
        # What the page would say through the session middleware: it depends on the cookies.
        patch_vary_headers(response, ("Cookie",))
        return response
