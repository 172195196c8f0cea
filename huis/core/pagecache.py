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
"""

import hashlib
import re
from collections.abc import Callable

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.csp import LazyNonce

from .versioned_cache import bump, computed_under, is_recording, versions

__all__ = ["bump", "cached_page", "versions"]

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
    parts = [request.get_full_path(), getattr(request, "LANGUAGE_CODE", ""), *map(str, scopes)]
    parts += map(str, versions(*scopes))
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"pagecache:page:{digest}"


def _nonce(request: HttpRequest) -> LazyNonce | None:
    return getattr(request, "_csp_nonce", None)


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
    stored = None if is_recording() else cache.get(key)
    if stored is not None:
        body = stored.replace(CSRF_MARK, get_token(request))
        nonce = _nonce(request)
        if NONCE_MARK in body and nonce is not None:
            body = body.replace(NONCE_MARK, str(nonce))
        return HttpResponse(body, content_type="text/html; charset=utf-8")

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
        cache.set(key, body, timeout)
    return response
