"""The public request form's guard against robots, without a third-party captcha.

The form carries its start time, signed (`FORM_SALT`). A submission is refused when the time is
missing or forged or when it came too fast (robots post at once: `is_spam`), when the form was
opened too long ago (`is_expired`: a start time copied once cannot serve for ever), and when the
same start time already filed a few requests (`use_start`: counted in the Redis cache, so one
copied form cannot be replayed from many addresses). A person who meets one of the last two gets
the form back as they typed it, with a fresh start time and a message that says what to do.
"""

import hashlib
import time

from django.conf import settings
from django.core import signing
from django.core.cache import cache

FORM_SALT = "ervaringsdeskundigen.request-form"
USE_KEY = "ervaringsdeskundigen:request-form-use:{}"


def min_fill_seconds() -> int:
    """People need some seconds to fill in the form; robots post at once."""
    return getattr(settings, "EXPERTS_REQUEST_MIN_SECONDS", 4)


def max_age_seconds() -> int:
    """How long an opened form can be sent: a few hours, enough to look something up."""
    return getattr(settings, "EXPERTS_REQUEST_MAX_AGE_SECONDS", 4 * 60 * 60)


def max_uses() -> int:
    """How many requests one opened form may file (sending it again after the back button)."""
    return getattr(settings, "EXPERTS_REQUEST_MAX_USES", 3)


def new_start() -> str:
    return signing.dumps(time.time(), salt=FORM_SALT)


def started_at(token: str) -> float | None:
    """The signed start time, or None when it is missing or forged."""
    try:
        return float(signing.loads(token or "", salt=FORM_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def is_spam(token: str) -> bool:
    started = started_at(token)
    return started is None or time.time() - started < min_fill_seconds()


def is_expired(token: str) -> bool:
    started = started_at(token)
    return started is not None and time.time() - started > max_age_seconds()


def use_start(token: str) -> bool:
    """Count one request filed with this start time; False when it has filed enough already.

    The count lives as long as the start time is valid (after that `is_expired` refuses it), and
    `incr` is atomic in Redis, so simultaneous submissions are each counted."""
    key = USE_KEY.format(hashlib.sha256(token.encode()).hexdigest())
    cache.add(key, 0, timeout=max_age_seconds() + 60)
    try:
        uses = cache.incr(key)
    except ValueError:  # expired between add and incr: count it as the first use
        cache.set(key, 1, timeout=max_age_seconds() + 60)
        uses = 1
    return uses <= max_uses()
