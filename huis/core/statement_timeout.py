"""No web request waits on the database for long: a query of a web process that runs longer than
`WEB_STATEMENT_TIMEOUT_MS` is cancelled by PostgreSQL, and the person gets a short "busy, try
again" page (503) instead of a worker held for half a minute (issue #20).

The limit is set on the connections of web processes only (gunicorn.conf.py marks its workers
with HUIS_WEB_PROCESS=1; settings.py then adds `-c statement_timeout` to the connection
options, so it costs no query per request). Celery workers and management commands build exports,
backups and migrations and keep no limit.
"""

import logging

from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from psycopg import errors

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def is_statement_timeout(exception: BaseException) -> bool:
    return isinstance(exception, OperationalError) and isinstance(
        exception.__cause__, errors.QueryCanceled
    )


def busy_response() -> HttpResponse:
    # Rendered without the request: no context processor may ask the busy database again.
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    # Logged once, below, as a warning: a busy moment is not a bug (no "Internal error" line).
    response._has_been_logged = True
    return response


class StatementTimeoutMiddleware:
    """A view whose query was cancelled for taking too long answers 503, not 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_statement_timeout(exception):
            return None
        match = getattr(request, "resolver_match", None)
        logger.warning(
            "A query took too long and was cancelled; answered 503.",
            extra={"route": match.route if match else ""},
        )
        return busy_response()
