"""The overview's cached drawings and filter choices, under one scope of
`huis.core.versioned_cache`: FIGURES.

The monthly figures are written by raw SQL in `figures.refresh()` / `refresh_all()`, which bump
FIGURES themselves; everything else a drawing shows (the names of neighbourhoods and needs, the
entries and signals counted live for a narrow filter, the years with entries) bumps it through
the declarations in `connect()`, called from the app's `ready()`. A drawing made from older
figures is thus never served again.
"""

from huis.core.versioned_cache import Cached, bump, versions, watch
from netwerk import selectors as netwerk_selectors

FIGURES = "kwartiermaken-figures"
TIMEOUT = 24 * 60 * 60  # a safety net only: a new version already replaces a drawing
CODE = ("kwartiermaken",)  # stored: the overview's dataclasses and HTML drawn by our templates

DRAWING = Cached("kwartiermaken:overview", scopes=(FIGURES,), timeout=TIMEOUT, code=CODE)
CHOICES = Cached("kwartiermaken:overview-choices", scopes=(FIGURES,), timeout=TIMEOUT, code=CODE)

# What became of the referrals started from outreach: their links and entries change here, their
# status in netwerk (whose every referral save bumps netwerk's REFERRALS_SCOPE).
REFERRALS = "kwartiermaken-outreach-referrals"
REFERRAL_OUTCOMES = Cached(
    "kwartiermaken:overview-referrals",
    scopes=(REFERRALS, netwerk_selectors.REFERRALS_SCOPE),
    timeout=TIMEOUT,
    code=CODE,
)


# The partner organisations a coordinator filters the overview by (hundreds in a big network):
# any save of an organisation (a new partner, a new name, one that stops) bumps it.
ORGANISATIONS = "kwartiermaken-organisations"
# It holds Organisation objects: their model is part of the key, and a write past the signals
# (a data migration) is bounded by ten minutes.
ORGANISATION_CHOICES = Cached(
    "kwartiermaken:overview-organisations",
    scopes=(ORGANISATIONS,),
    timeout=10 * 60,
    code=(*CODE, "huis.accounts.models"),
)

# The overview's filter form as drawn (a coordinator's lists every partner organisation: drawing
# its options was a quarter of the page, issue #30), for each language, view of the figures and
# choice made: its years and neighbourhoods change with the figures, its organisations with them.
FILTER_FORM = Cached(
    "kwartiermaken:overview-filter",
    scopes=(FIGURES, ORGANISATIONS),
    timeout=TIMEOUT,
    code=(*CODE, "huis.accounts.models"),
)


def version() -> int:
    """The figures' current version."""
    return versions(FIGURES)[0]


def bump_version() -> None:
    """A change of the figures: bump now, and again once the change commits. The second bump
    matters: a visitor who read the first one before the commit drew the old figures under it."""
    bump(FIGURES)


def connect() -> None:
    from huis.accounts.models import Organisation

    from .models import (
        Need,
        NeedMonth,
        Neighbourhood,
        OutreachEntry,
        OutreachMonth,
        OutreachReferral,
        Signal,
        SignalMonth,
    )

    watch(OutreachMonth, NeedMonth, SignalMonth, scopes=[FIGURES], bumped_by="figures.refresh")
    watch(
        Neighbourhood,
        Need,
        OutreachEntry,
        OutreachEntry.needs,
        Signal,
        scopes=[FIGURES],
    )
    watch(OutreachReferral, OutreachEntry, scopes=[REFERRALS])
    watch(Organisation, scopes=[ORGANISATIONS])
