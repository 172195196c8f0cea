"""Middleware of the shared core: the request id and one log line per request."""

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from . import request_id

access_logger = logging.getLogger("huis.request")


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
        value = request_id.new_id(request.headers.get(request_id.HEADER))
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
