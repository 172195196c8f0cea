"""Middleware of the shared core: the request id and one log line per request; no cache keeps a
private answer; Django's CSP and messages middleware without their work on every request."""

import copy
import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.messages.middleware import MessageMiddleware as _MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.middleware.csp import ContentSecurityPolicyMiddleware as _CSPMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.csp import CSP, build_policy
from django.utils.functional import SimpleLazyObject, empty

from . import request_id

access_logger = logging.getLogger("huis.request")
META_KEY = "HTTP_" + request_id.HEADER.upper().replace("-", "_")


class RequestIdMiddleware:
    """Gives each request an id (the proxy's X-Request-ID, or a new one), sends it back, and logs
    one line when the request is done.

    The line names the URL pattern (`agenda/inschrijving/<str:token>/`), never the path itself:
    paths hold signed links and search words, and the client's address is never logged.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.access_log = getattr(settings, "HUIS_ACCESS_LOG", False)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # From META directly: `request.headers` would copy every header of the request first.
        value = request_id.new_id(request.META.get(META_KEY))
        token = request_id.set_current(value)
        request.request_id = value
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[request_id.HEADER] = value
            match = getattr(request, "resolver_match", None)
            # A monitor asks /healthz every few seconds: only its failures are worth a line.
            routine = match and match.url_name == "healthz" and response.status_code == 200
            if self.access_log and not routine:
                access_logger.info(
                    "%s %s %s",
                    request.method,
                    match.route if match else "(no route)",
                    response.status_code,
                    extra={
                        "method": request.method,
                        "route": match.route if match else "",
                        "view": match.view_name if match else "",
                        "status": response.status_code,
                        "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    },
                )
            return response
        finally:
            request_id.reset(token)


# A URL argument or query parameter with one of these in its name is a private link (a guest's
# sign-up, a request's follow page, a personal calendar feed): whoever has it sees personal data.
PRIVATE_NAMES = ("token", "key", "secret", "signature")


def is_logged_in(request: HttpRequest) -> bool:
    """`request.user.is_authenticated`, without loading a session and a user for a visitor who
    has no session cookie: such a request is anonymous until a view logs someone in, and `login()`
    puts the person itself on the request (issue #30: most requests of the house are such)."""
    user = getattr(request, "user", None)
    if user is None:
        return False
    if (
        isinstance(user, SimpleLazyObject)
        and user._wrapped is empty
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    ):
        return False
    return user.is_authenticated


def is_private(request: HttpRequest) -> bool:
    """Whether the answer to this request may hold personal data, so no cache may keep it.

    Only what an anonymous person asks by GET or HEAD, without a private link and without
    anything of theirs in the session, may be cached."""
    if is_logged_in(request):
        return True
    if request.method not in ("GET", "HEAD"):
        return True
    match = getattr(request, "resolver_match", None)
    names = [*(match.kwargs if match else ()), *request.GET.keys()]
    if any(part in name.lower() for name in names for part in PRIVATE_NAMES):
        return True
    session = getattr(request, "session", None)
    return bool(session is not None and session.accessed and not session.is_empty())


class PrivateResponsesMiddleware:
    """`Cache-Control: private, no-store` on every answer that may hold personal data: to a
    logged-in person, through a private link, after a form was sent (see `is_private`). One place
    for the whole portal, so a new view never has to remember it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if is_private(request):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


# A plain str, as WSGI servers demand of a header's name (the enum member is refused by some).
CSP_HEADER = str(CSP.HEADER_ENFORCE)


class ContentSecurityPolicyMiddleware(_CSPMiddleware):
    """Django's CSP middleware; the header of an answer that used no nonce (most of them) is built
    once per configuration instead of on every request (issue #30: 10-15 µs a request).

    An answer with its own configuration (`@csp_override`), a report-only policy or a nonce goes
    through Django's own code, unchanged."""

    _built: tuple[dict, str] | None = None

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        config = settings.SECURE_CSP
        if (
            not config
            or getattr(request, "_csp_nonce", None)  # a LazyNonce is true once it was used
            or settings.SECURE_CSP_REPORT_ONLY
            or hasattr(response, "_csp_config")
            or hasattr(response, "_csp_ro_config")
        ):
            return super().process_response(request, response)
        if CSP_HEADER not in response:
            built = self._built
            if built is None or built[0] != config:  # settings changed (tests do)
                built = self._built = (copy.deepcopy(config), build_policy(config, None))
            response.headers[CSP_HEADER] = built[1]
        return response


class MessageMiddleware(_MessageMiddleware):
    """Django's messages middleware, with the message store made on first use: most requests never
    read or add a message, and making the store (a cookie store and a session store) and saving
    it back cost every request 10-20 µs (issue #30). A store never used has nothing to save:
    Django's `update()` writes only what was read or added."""

    def process_request(self, request: HttpRequest) -> None:
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response  # never used
        return super().process_response(request, response)


class LocaleMiddleware:
    """Django's LocaleMiddleware for a portal whose addresses carry no language prefix (the
    language comes from the visitor's choice in a cookie, their profile, or their browser's
    Accept-Language): the same language and `Content-Language`, and `Vary` with Cookie too,
    without looking for a prefix in the path twice per request (issue #30). The root URL
    configuration is checked at start-up; the portal sets no per-request `urlconf`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        if is_language_prefix_patterns_used(settings.ROOT_URLCONF)[0]:
            raise ImproperlyConfigured(
                "The URLs use i18n_patterns: use django.middleware.locale.LocaleMiddleware."
            )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        translation.activate(translation.get_language_from_request(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        # The language cookie chooses too, so the answer varies by Cookie as well (Django's
        # middleware leaves that to the session; here every answer says it).
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
