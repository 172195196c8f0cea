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
import logging
import secrets
import threading
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, connection
from django.urls import reverse
from django.utils import timezone

from .models import ShortLink

logger = logging.getLogger(__name__)

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


def _valid_until(context: dict) -> datetime | None:
    if context.get("_links_valid_until"):
        return datetime.fromisoformat(context["_links_valid_until"])
    return None


def _is_long_link(value: object) -> bool:
    return (
        isinstance(value, str)
        and value.startswith(settings.SITE_URL + "/")
        and len(value) > SHORTEN_FROM
    )


def _long_links(context: dict) -> list[str]:
    return [value for value in context.values() if _is_long_link(value)]


def shorten_context(context: dict, *, batch: "LinkBatch | None" = None) -> dict:
    """The message's context with every long link of the portal made short (from `batch` when
    it knows them: made together with the next messages' links)."""
    known = batch.links_for(context) if batch is not None else {}
    valid_until = _valid_until(context)
    shortened = {}
    for name, value in context.items():
        if _is_long_link(value):
            value = known.get(value) or short_link_for(value, valid_until=valid_until)
        shortened[name] = value
    return shortened


# Many links in one statement: the rows in the order of their hash, so two workers making links
# for the same messages at once lock them in the same order (no deadlock).
_BULK_UPSERT_SQL = (
    "INSERT INTO notifications_shortlink (code, target, target_hash, expires_at, created_at) "
    "SELECT * FROM unnest(%s::varchar[], %s::text[], %s::varchar[], %s::timestamptz[], "
    "%s::timestamptz[]) ON CONFLICT (target_hash) DO UPDATE SET target_hash = "
    "EXCLUDED.target_hash RETURNING target, code"
)


def short_links_for(contexts: Iterable[dict]) -> dict[str, str]:
    """{long link: short address} for every long link in these messages' contexts, each made
    (or found) in one statement; the same codes short_link_for gives one by one."""
    now = timezone.now()
    latest = now + timedelta(days=settings.NOTIFICATIONS_SHORT_LINK_DAYS)
    wanted: dict[str, datetime] = {}
    for context in contexts:
        valid_until = _valid_until(context)
        for target in _long_links(context):
            wanted.setdefault(target, min(valid_until, latest) if valid_until else latest)
    if not wanted:
        return {}
    rows = sorted((_hash(target), target, expires) for target, expires in wanted.items())
    with connection.cursor() as cursor:
        cursor.execute(
            _BULK_UPSERT_SQL,
            [
                [new_code() for _row in rows],
                [target for _hash_, target, _expires in rows],
                [hash_ for hash_, _target, _expires in rows],
                [expires for _hash_, _target, expires in rows],
                [now] * len(rows),
            ],
        )
        codes = dict(cursor.fetchall())
    base = settings.SITE_URL + reverse("short_link", kwargs={"code": "X"})[:-1]
    return {target: base + code for target, code in codes.items()}


class LinkBatch:
    """The short links of a sweep, shared by its connections: the links of the next due messages
    (`upcoming()`, their contexts) are made together, in one statement that commits at once.

    `top_up()` runs between messages, outside their transactions, so a message only ever gets a
    link that is already saved (a message's own transaction may still roll back). When a
    message needs a link the batch does not know, it makes that one in its own transaction (as
    without a batch) and the next `top_up()` makes the next batch. One connection makes a batch
    while the others wait for it, so each link is made once per sweep, not once per connection
    (making them on every connection wrote the same rows four times and held their locks while a
    message was handed over)."""

    def __init__(self, upcoming: Callable[[], Iterable[dict]]):
        self.upcoming = upcoming
        self.known: dict[str, str] = {}
        self.wanted = True  # the first message of a sweep finds its link in the first batch
        self.lock = threading.Lock()

    def top_up(self) -> None:
        """Make the next batch when a message missed its link; outside any transaction."""
        if not self.wanted:
            return
        with self.lock:
            if not self.wanted:  # made meanwhile on another connection
                return
            try:
                self.known.update(short_links_for(self.upcoming()))
            except DatabaseError:
                # Each message then makes its own link in its own transaction, as without a batch.
                logger.warning("Could not make the next batch of short links.", exc_info=True)
            # Only now: the other connections wait for this batch instead of passing it by.
            self.wanted = False

    def links_for(self, context: dict) -> dict[str, str]:
        if any(target not in self.known for target in _long_links(context)):
            self.wanted = True
        return self.known
