"""One id per request, so every log line of a request (and of the tasks it queues) can be found
together. It comes from the proxy's X-Request-ID header when that looks like an id, or is made
here; it is sent back in the response and travels to Celery tasks in a message header."""

import re
import uuid
from contextvars import ContextVar

HEADER = "X-Request-ID"
# Only plain ids are taken from outside: nothing a client sends ends up verbatim in the logs.
_VALID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")

_current: ContextVar[str] = ContextVar("huis_request_id", default="")


def get() -> str:
    return _current.get()


def new_id(incoming: str | None = None) -> str:
    if incoming and _VALID.match(incoming):
        return incoming
    return uuid.uuid4().hex


def set_current(value: str):
    """Set the id for this thread or task; returns the token to reset it with."""
    return _current.set(value)


def reset(token) -> None:
    _current.reset(token)
