"""Short links for text messages: /k/<code> stands for a long link of the portal.

A text message has 160 characters; a signed sign-up link alone has more than 100. The code is
ten random characters from a 31-letter alphabet without look-alikes (about 49 bits: at the
rate limit of the lookup, 20 a minute per address, guessing one takes longer than the house will
exist) followed by two characters of an HMAC under the SECRET_KEY, so a made-up code is refused
before the database is asked. A short link expires with the link it stands for (the sender says
when, `_links_valid_until` in the message's context) and after NOTIFICATIONS_SHORT_LINK_DAYS at
the latest. The same long link always gets the same code (retries of a message make no new one).
"""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from .models import ShortLink

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: easy to read and type
RANDOM_LENGTH = 10
SIGNATURE_LENGTH = 2
CODE_LENGTH = RANDOM_LENGTH + SIGNATURE_LENGTH
# Longer links than this are shortened in text messages.
SHORTEN_FROM = 40


def _signature(random_part: str) -> str:
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"shortlink:{random_part}".encode(), hashlib.sha256
    ).digest()
    value = int.from_bytes(digest[:4], "big")
    chars = []
    for _i in range(SIGNATURE_LENGTH):
        value, index = divmod(value, len(ALPHABET))
        chars.append(ALPHABET[index])
    return "".join(chars)


def new_code() -> str:
    random_part = "".join(secrets.choice(ALPHABET) for _i in range(RANDOM_LENGTH))
    return random_part + _signature(random_part)


def code_is_well_formed(code: str) -> bool:
    """Length, alphabet and signature: a made-up code fails here, without a database query."""
    if len(code) != CODE_LENGTH or any(char not in ALPHABET for char in code):
        return False
    return hmac.compare_digest(code[RANDOM_LENGTH:], _signature(code[:RANDOM_LENGTH]))


_UPSERT_SQL = (
    "INSERT INTO notifications_shortlink (code, target, target_hash, expires_at, created_at) "
    "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (target_hash) "
    "DO UPDATE SET target_hash = EXCLUDED.target_hash RETURNING code"
)


def _hash(target: str) -> str:
    return hashlib.sha256(target.encode()).hexdigest()


def short_link_for(target: str, *, valid_until: datetime | None = None) -> str:
    """The short address (absolute, on SITE_URL) for a link of the portal."""
    latest = timezone.now() + timedelta(days=settings.NOTIFICATIONS_SHORT_LINK_DAYS)
    expires_at = min(valid_until, latest) if valid_until else latest
    # One statement, new or not (the sweep renders a link for every text message): insert, or
    # keep the code the same link already has.
    with connection.cursor() as cursor:
        cursor.execute(_UPSERT_SQL, [new_code(), target, _hash(target), expires_at, timezone.now()])
        (code,) = cursor.fetchone()
    return settings.SITE_URL + reverse("short_link", kwargs={"code": code})


def resolve(code: str) -> str | None:
    """The long link (a path on this site) for a code, or None: unknown, forged or expired."""
    code = code.upper()
    if not code_is_well_formed(code):
        return None
    link = ShortLink.objects.filter(code=code, expires_at__gt=timezone.now()).first()
    if link is None:
        return None
    target = link.target
    if target.startswith(settings.SITE_URL):
        target = target[len(settings.SITE_URL) :]
    return target if target.startswith("/") and not target.startswith("//") else None


def shorten_context(context: dict) -> dict:
    """The message's context with every long link of the portal made short."""
    valid_until = None
    if context.get("_links_valid_until"):
        valid_until = datetime.fromisoformat(context["_links_valid_until"])
    prefix = settings.SITE_URL + "/"
    shortened = {}
    for name, value in context.items():
        if isinstance(value, str) and value.startswith(prefix) and len(value) > SHORTEN_FROM:
            value = short_link_for(value, valid_until=valid_until)
        shortened[name] = value
    return shortened
