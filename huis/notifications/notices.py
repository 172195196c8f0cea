"""Change notices: one way for every function to tell the people concerned that something moved,
was cancelled, or that staff have something to say.

A function hands over *what* changed (an `Occasion`: a stable reference, a title, a link) and
*who* is concerned (`Addressee`s: from place claims with `addressees_from_claims`, or built by
the app for experts and organisations). This module writes one outbox row per person and kind of
change, under a key that makes a second call for the same change tell nobody twice, in the
person's language and over the channels `notification_schedule` picks for them (email, text
message; a new channel plugs in there, not here).

Reminders move with the occasion: `reminder_key(base, moment)` gives a key that is new for every
move (keys are never reused in the outbox), and the app cancels the old rows by `base` prefix
before scheduling the new ones.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import formats, timezone, translation

from .services import notification_schedule

KIND_MOVED = "notice_moved"
KIND_CANCELLED = "notice_cancelled"
KIND_MESSAGE = "notice_message"


@dataclass(frozen=True)
class Occasion:
    """What the notice is about. `ref` is stable and unique in the portal
    ("ontmoeting.activity:12"); `url` is an absolute link to read more."""

    ref: str
    title: str
    url: str = ""


@dataclass(frozen=True)
class Addressee:
    """One person concerned. `ref` is unique within an occasion ("claim:12"); `url`, when set,
    is this person's own link (a guest's signed link) and replaces the occasion's."""

    ref: str
    name: str
    user: Any = None
    email: str = ""
    phone: str = ""
    language: str = ""
    waiting: bool = False
    url: str = ""


def _identity(addressee: Addressee) -> str:
    if addressee.user is not None:
        return f"user:{addressee.user.pk}"
    if addressee.email:
        return f"email:{addressee.email.strip().lower()}"
    digits = "".join(ch for ch in addressee.phone if ch.isdigit())
    return f"phone:{digits}" if digits else f"ref:{addressee.ref}"


def unique_addressees(addressees: Iterable[Addressee]) -> list[Addressee]:
    """Each person once: the same account, address or number signed up twice is told once
    (a place beats a waiting-list spot)."""
    chosen: dict[str, Addressee] = {}
    for addressee in addressees:
        key = _identity(addressee)
        if key not in chosen or (chosen[key].waiting and not addressee.waiting):
            chosen[key] = addressee
    return list(chosen.values())


def addressees_from_claims(claims: Iterable[Any], *, url_for: Any = None) -> list[Addressee]:
    """Place claims (huis.places) as addressees; `url_for(claim)` gives a person's own link."""
    return unique_addressees(
        Addressee(
            ref=f"claim:{claim.pk}",
            name=claim.name,
            user=claim.user,
            email=claim.email,
            phone=claim.phone,
            language=claim.language,
            waiting=claim.status == "waiting",
            url=url_for(claim) if url_for else "",
        )
        for claim in claims
    )


def _language(addressee: Addressee) -> str:
    user_language = getattr(addressee.user, "preferred_language", "") if addressee.user else ""
    return addressee.language or user_language or "nl"


def _when(start: dt.datetime, end: dt.datetime | None, language: str) -> dict:
    start = timezone.localtime(start)
    with translation.override(language):
        return {
            "day": formats.date_format(start, "l j F Y"),
            "start": formats.time_format(start, "TIME_FORMAT"),
            "end": formats.time_format(timezone.localtime(end), "TIME_FORMAT") if end else "",
        }


def _schedule(addressee: Addressee, *, key: str, kind: str, context: dict) -> bool:
    row = notification_schedule(
        key=key,
        kind=kind,
        context=context,
        recipient=addressee.user,
        email=addressee.email,
        phone=addressee.phone,
        language=_language(addressee),
    )
    return row is not None


def _base_context(occasion: Occasion, addressee: Addressee) -> dict:
    name = addressee.name or (addressee.user.display_name if addressee.user else "")
    return {
        "name": name,
        "title": occasion.title,
        "url": addressee.url or occasion.url,
        "waiting": addressee.waiting,
    }


def notice_moved(
    *,
    occasion: Occasion,
    addressees: Iterable[Addressee],
    old_start: dt.datetime,
    new_start: dt.datetime,
    new_end: dt.datetime | None = None,
    place: str = "",
) -> int:
    """Tell everyone concerned the new moment. Once per person and new moment: calling again
    for the same move tells nobody twice; a later move to another moment is told again.
    Returns how many people could be reached."""
    moment = f"{int(new_start.timestamp())}-{int(new_end.timestamp()) if new_end else 0}"
    told = 0
    for addressee in unique_addressees(addressees):
        language = _language(addressee)
        old = _when(old_start, None, language)
        context = {
            **_base_context(occasion, addressee),
            **_when(new_start, new_end, language),
            "old_day": old["day"],
            "old_start": old["start"],
            "place": place,
        }
        key = f"notice:moved:{occasion.ref}:{moment}:{addressee.ref}"
        told += _schedule(addressee, key=key, kind=KIND_MOVED, context=context)
    return told


def notice_cancelled(
    *,
    occasion: Occasion,
    addressees: Iterable[Addressee],
    starts_at: dt.datetime | None,
    reason: str = "",
) -> int:
    """Tell everyone concerned that it does not take place; once per person, ever."""
    told = 0
    for addressee in unique_addressees(addressees):
        language = _language(addressee)
        when = _when(starts_at, None, language) if starts_at else {"day": "", "start": ""}
        context = {
            **_base_context(occasion, addressee),
            "day": when["day"],
            "start": when["start"],
            "reason": reason,
        }
        key = f"notice:cancelled:{occasion.ref}:{addressee.ref}"
        told += _schedule(addressee, key=key, kind=KIND_CANCELLED, context=context)
    return told


def notice_message(
    *, occasion: Occasion, addressees: Iterable[Addressee], message_ref: str, text: str
) -> int:
    """A short message from staff to everyone given; once per person and message."""
    told = 0
    for addressee in unique_addressees(addressees):
        context = {**_base_context(occasion, addressee), "text": text}
        key = f"notice:message:{message_ref}:{addressee.ref}"
        told += _schedule(addressee, key=key, kind=KIND_MESSAGE, context=context)
    return told


def reminder_key(base: str, moment: dt.datetime) -> str:
    """A reminder's key for `moment`, new at every call: moving an occasion back to an earlier
    moment must not meet the cancelled row of that moment (keys are never reused). Cancel the
    old reminders with `notification_cancel(key_prefix=base)` first."""
    return f"{base}:{int(moment.timestamp())}:{timezone.now().timestamp() * 1000:.0f}"
