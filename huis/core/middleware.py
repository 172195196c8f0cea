"""Middleware of the shared core: the request id and one log line per request; no cache keeps a
private answer."""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

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


def is_private(request: HttpRequest) -> bool:
    """Whether the answer to this request may hold personal data, so no cache may keep it.

    Only what an anonymous person asks by GET or HEAD, without a private link and without
    anything of theirs in the session, may be cached."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
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
