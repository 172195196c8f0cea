"""Optional error tracking with Sentry (or a Sentry-compatible service such as GlitchTip).

Off unless SENTRY_DSN is set. Sentry never receives personal data: `send_default_pii` stays off,
`data_collection` turns every category off, and every event passes `scrub_event`, which drops the
request body, cookies, headers, query strings, the user apart from their id, and takes email and IP
addresses out of every text that remains.
"""

from typing import Any

from .logs import scrub

_KEEP_HEADERS = {"content-type", "content-length", "x-request-id", "accept-language"}


def _scrub_value(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, dict):
        return {k: _scrub_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub_value(v) for v in value]
    return value


def scrub_event(event: dict, hint: dict | None = None) -> dict:
    """Sentry's before_send (and before_send_transaction): what may leave the server."""
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("data", None)
        request.pop("cookies", None)
        request.pop("query_string", None)
        request.pop("env", None)
        headers = request.get("headers") or {}
        request["headers"] = {k: v for k, v in headers.items() if k.lower() in _KEEP_HEADERS}
    user = event.get("user")
    if isinstance(user, dict):
        event["user"] = {"id": user["id"]} if "id" in user else {}
    event.pop("server_name", None)
    # Local variables in stack frames can hold anything a person typed.
    for exception in (event.get("exception") or {}).get("values") or []:
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    for key in ("message", "logentry", "exception", "breadcrumbs", "extra", "tags", "contexts"):
        if key in event:
            event[key] = _scrub_value(event[key])
    return event


def init(*, dsn: str, environment: str, release: str = "", traces_sample_rate: float = 0.0):
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        # What the integrations collect: no user details, cookies, bodies, query strings, SQL
        # parameters or local variables; only the request headers below. (This replaces
        # send_default_pii, which stays at its default: off.)
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "allowlist", "terms": sorted(_KEEP_HEADERS)}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "stack_frame_variables": False,
        },
        include_local_variables=False,
        max_request_body_size="never",
        before_send=scrub_event,
        before_send_transaction=scrub_event,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration(), CeleryIntegration()],
    )
