""" "Mijn activiteiten" kept per person (issue #30): the cards of a person's sign-ups are drawn
once and kept until something they show changes.

What a card shows comes from two places. The person's own sign-ups (status, places, attendance)
are read on every showing, in one small query of plain values (`selectors.my_claims`), and their
digest is part of the key: a sign-up, a cancellation, an offer or a lapse changes the rows, so the
next showing draws anew. The activities (title, time, room, cancelled) are kept under the
programme's version ("ontmoeting", bumped by every change of an activity, series or room).

The clock moves a sign-up from "coming up" to "earlier" when its activity ends: each kept card
carries its activity's times, and the split is made at every showing, not when it was drawn. The
forms on the cards hold a CSRF mark, filled in with the person's own token at every showing.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from huis.core.pagecache import CSRF_MARK, with_token
from huis.core.versioned_cache import Cached

from . import selectors

MINE = Cached(
    name="ontmoeting:mine",
    scopes=("ontmoeting",),
    # The package's code, templates and catalogs are in the key; the house's shared confirm
    # button (templates/includes) is not: half an hour bounds a release that changes it.
    timeout=30 * 60,
    code=("ontmoeting",),
)


@dataclass(frozen=True)
class Card:
    """One sign-up drawn both ways: as a card while coming up, as a line once over."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    pk: int
    card: str
    line: str


@dataclass(frozen=True)
class MinePage:
    upcoming: SafeString
    past: SafeString


def _draw(claims: list[selectors.MyClaim]) -> list[Card]:
    mine = selectors.my_activities(user=None, claims=claims)
    cards = []
    for claim in mine.upcoming + mine.past:
        context = {"claim": claim, "csrf_token": CSRF_MARK}
        cards.append(
            Card(
                starts_at=claim.activity.starts_at,
                ends_at=claim.activity.ends_at,
                pk=claim.activity.pk,
                card=render_to_string("ontmoeting/partials/mine_card.html", context).strip(),
                line=render_to_string("ontmoeting/partials/mine_past.html", context).strip(),
            )
        )
    return cards


def _digest(claims: list[selectors.MyClaim]) -> str:
    rows = "\n".join(f"{c.pk}:{c.offering_id}:{c.status}:{c.places}:{c.attendance}" for c in claims)
    return hashlib.sha256(rows.encode()).hexdigest()


def mine_page(request, claims: list[selectors.MyClaim] | None = None) -> MinePage:
    """The person's coming sign-ups as cards and the last few before as lines, ready to show.
    `claims`: the person's places as `selectors.my_claims` reads them, when read already."""
    user = request.user
    claims = selectors.my_claims(user=user) if claims is None else claims
    cards = (
        MINE.get_or_set(user.pk, get_language(), _digest(claims), compute=lambda: _draw(claims))
        if claims
        else []
    )
    now = timezone.now()
    coming = sorted((c for c in cards if c.ends_at > now), key=lambda c: (c.starts_at, c.pk))
    before = sorted(
        (c for c in cards if c.ends_at <= now), key=lambda c: (c.starts_at, c.pk), reverse=True
    )[: selectors.PAST_SHOWN]
    upcoming = "\n".join(c.card for c in coming)
    return MinePage(
        upcoming=mark_safe(with_token(upcoming, request)),  # our own templates' output
        past=mark_safe("\n".join(c.line for c in before)),
    )
