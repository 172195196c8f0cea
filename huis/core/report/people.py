"""Counting people without naming them: a pseudonymous key per person.

The key is an HMAC of the person's normalised email address (else their phone number's digits,
else their account number) under a key derived from the portal's secret: the same person signed
up as a guest and with an account counts once, and a report never holds a name or an address.
"""

import hashlib
import hmac
from collections import Counter
from collections.abc import Iterable
from functools import cache

from django.conf import settings


@cache
def secret() -> bytes:
    return hashlib.sha256(b"huis-report-person:" + settings.SECRET_KEY.encode()).digest()


def person_key(*, email: str = "", phone_digits: str = "", user_id: int | None = None) -> str:
    """The pseudonymous key of one person; "" when nothing identifies them (erased data)."""
    email = (email or "").strip().lower()
    if email:
        raw = "e:" + email
    elif phone_digits:
        raw = "p:" + "".join(ch for ch in phone_digits if ch.isdigit())
    elif user_id:
        raw = f"u:{user_id}"
    else:
        return ""
    return hmac.new(secret(), raw.encode(), hashlib.sha256).hexdigest()[:24]


def unique_and_returning(keys: Iterable[str]) -> tuple[int, int, frozenset[str]]:
    """From one key per visit: how many different people, how many came more than once."""
    counts = Counter(k for k in keys if k)
    return len(counts), sum(1 for n in counts.values() if n > 1), frozenset(counts)
