"""CSRF secrets and masks from one read of the system's random source instead of 32.

Django draws each of the 32 characters of a CSRF secret, and of the mask that hides it in every
page, with its own `secrets.choice`: 64 reads of the random source for a first visit. On this
project's servers (virtual machines) each read is a system call of about a microsecond and a
half, so a cached public page spent 90 µs of its 700 on them (issue #30, `bench/request_cost.py`).

`csrf_string()` draws the same thing from one `secrets.token_bytes`: every byte below 248 (four
times the 62 characters) picks a character with equal chance, the others are dropped, so each
character stays uniform and independent, exactly as `secrets.choice` makes it. Only the source of
the randomness changes: Django's checks, masks and cookies are its own.
"""

import secrets

from django.middleware import csrf

_CHARS = csrf.CSRF_ALLOWED_CHARS
_LENGTH = csrf.CSRF_SECRET_LENGTH
_LIMIT = 256 - 256 % len(_CHARS)  # 248: bytes from here on would favour the first characters


def csrf_string() -> str:
    """`_LENGTH` characters of CSRF_ALLOWED_CHARS, each uniform and independent."""
    picked: list[str] = []
    while len(picked) < _LENGTH:
        # 40 bytes: 32 are enough 99.9 % of the time (3 % of bytes are dropped).
        picked.extend(_CHARS[b % len(_CHARS)] for b in secrets.token_bytes(40) if b < _LIMIT)
    return "".join(picked[:_LENGTH])


def install() -> None:
    """Django makes new secrets and masks through `_get_new_csrf_string` (checked by
    tests/core/test_csrf_secrets.py, so an upgrade that renames it is noticed)."""
    csrf._get_new_csrf_string = csrf_string
