"""The Entry API over HTTP: a client access token (OAuth client credentials) kept in the shared
cache until just before it expires, and one call that sorts every answer into done, try again
later (5xx, timeouts, refused connections) or refused (4xx, with publiq's own error text).
"""

import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

TOKEN_KEY = "uitdatabank:token"
# A token is used until this many seconds before publiq says it expires.
TOKEN_MARGIN = 60


def is_configured() -> bool:
    return bool(settings.UITDATABANK_CLIENT_ID and settings.UITDATABANK_CLIENT_SECRET)


class ApiError(Exception):
    """An answer that is not a success. `retry` says whether trying again later may help."""

    def __init__(self, message: str, *, status: int | None = None, retry: bool):
        super().__init__(message)
        self.message = message
        self.status = status
        self.retry = retry


@dataclass(frozen=True)
class Answer:
    status: int
    data: Any


def _problem_text(status: int, raw: bytes) -> str:
    """publiq answers errors as application/problem+json: title, detail and per-field schema
    errors. Staff read this text, so it is publiq's own words, shortened."""
    try:
        problem = json.loads(raw or b"{}")
    except ValueError:
        return f"HTTP {status}: {raw[:300].decode('utf-8', 'replace')}"
    if not isinstance(problem, dict):
        return f"HTTP {status}"
    parts = [str(problem.get(k)) for k in ("title", "detail") if problem.get(k)]
    for item in problem.get("schemaErrors") or []:
        if isinstance(item, dict):
            parts.append(f"{item.get('jsonPointer', '')} {item.get('error', '')}".strip())
    return f"HTTP {status}: " + (" - ".join(parts) or "error")[:900]


def _send(method: str, url: str, *, body: Any = None, headers: dict) -> Answer:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)  # noqa: S310 (https/config)
    for name, value in headers.items():
        request.add_header(name, value)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    request.add_header("Accept", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=settings.UITDATABANK_TIMEOUT) as response:  # noqa: S310
            raw = response.read()
            return Answer(response.status, json.loads(raw) if raw.strip() else None)
    except urllib.error.HTTPError as error:
        raw = error.read()
        retry = error.code >= 500 or error.code == 429
        raise ApiError(_problem_text(error.code, raw), status=error.code, retry=retry) from None
    except (TimeoutError, urllib.error.URLError, ConnectionError, OSError) as error:
        raise ApiError(f"{type(error).__name__}: {error}", retry=True) from None


def access_token(*, renew: bool = False) -> str:
    """A client access token, from the cache (shared by all workers) or newly requested."""
    if not renew:
        token = cache.get(TOKEN_KEY)
        if token:
            return token
    answer = _send(
        "POST",
        settings.UITDATABANK_TOKEN_URL,
        body={
            "client_id": settings.UITDATABANK_CLIENT_ID,
            "client_secret": settings.UITDATABANK_CLIENT_SECRET,
            "audience": settings.UITDATABANK_AUDIENCE,
            "grant_type": "client_credentials",
        },
        headers={},
    )
    token = (answer.data or {}).get("access_token")
    if not token:
        raise ApiError("The token endpoint gave no access_token.", retry=True)
    expires_in = int((answer.data or {}).get("expires_in") or 0)
    lifetime = expires_in - TOKEN_MARGIN if expires_in > 2 * TOKEN_MARGIN else expires_in // 2
    if lifetime > 0:
        cache.set(TOKEN_KEY, token, timeout=lifetime)
    return token


def forget_token() -> None:
    cache.delete(TOKEN_KEY)


def search(path: str, query: dict[str, str]) -> Answer:
    """A read from the Search API: identified by the client id, no token needed."""
    url = settings.UITDATABANK_SEARCH_URL.rstrip("/") + path + "?" + urlencode(query)
    return _send("GET", url, headers={"X-Client-Id": settings.UITDATABANK_CLIENT_ID})


def call(method: str, path: str, body: Any = None) -> Answer:
    """One request to the Entry API. A 401 means the token ran out early (revoked, or a clock
    ahead of ours): a new token is fetched once and the request sent again."""
    url = settings.UITDATABANK_API_URL.rstrip("/") + path
    for attempt in (1, 2):
        token = access_token(renew=attempt == 2)
        try:
            return _send(method, url, body=body, headers={"Authorization": f"Bearer {token}"})
        except ApiError as error:
            if error.status == 401 and attempt == 1:
                forget_token()
                continue
            raise
    raise AssertionError("unreachable")
