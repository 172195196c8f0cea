"""The one register of the legal volunteer allowance, shared by every role that pays it.

The Belgian caps on the flat-rate volunteer allowance (per day and per calendar year) and on the
km refunded by car count per person, across all organisations and all roles. A person who is an
expert by experience and also a volunteer of the house has one total. So no app sums its own
payments: each app that pays an allowance registers a source (what it paid a person on a day and
in a year), and `person_totals` adds every source up. The cap arithmetic lives here too, so a
refusal or warning at the cap is the same for every role.

The legal figures themselves (AllowanceRate, KmRate) are data kept by the app that owns them
(ervaringsdeskundigen today); it registers a figures provider, so the core never imports it.

Two approvals for the same person at the same moment must be counted one after the other: the
services lock the person's row (`person_queryset()`, through `huis.core.locking.lock`) before
they read the totals.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    """The legal figures that apply on one day."""

    year: int
    daily_cap: Decimal
    yearly_cap: Decimal
    higher_yearly_cap: Decimal | None
    km_yearly_max: int
    km_rate: Decimal | None  # per km by car on that day; None while unknown

    def yearly_cap_for(self, *, higher: bool) -> Decimal:
        """The higher cap when it applies and is known; otherwise the normal (safe) one."""
        if higher and self.higher_yearly_cap:
            return self.higher_yearly_cap
        return self.yearly_cap


@dataclass
class PersonTotals:
    """What one person was paid (flat rate and km) on a day and in its year, across all roles,
    plus what they declared as received elsewhere that year."""

    flat_day: Decimal = ZERO
    flat_year: Decimal = ZERO
    km_year: int = 0
    elsewhere_flat: Decimal = ZERO
    elsewhere_km: int = 0

    def __add__(self, other: "PersonTotals") -> "PersonTotals":
        return PersonTotals(
            flat_day=self.flat_day + other.flat_day,
            flat_year=self.flat_year + other.flat_year,
            km_year=self.km_year + other.km_year,
            elsewhere_flat=self.elsewhere_flat + other.elsewhere_flat,
            elsewhere_km=self.elsewhere_km + other.elsewhere_km,
        )

    @property
    def year_used(self) -> Decimal:
        return self.flat_year + self.elsewhere_flat

    @property
    def km_used(self) -> int:
        return self.km_year + self.elsewhere_km


# A source: (user_id, day, exclude) -> PersonTotals. `exclude` is the id of the source's own
# record being quoted (it must not count itself), or None.
Source = Callable[..., PersonTotals]
_sources: dict[str, Source] = {}
_figures: list[Callable[[dt.date], Figures | None]] = []


def register_allowance_source(name: str, totals: Source) -> None:
    _sources[name] = totals


def register_allowance_figures(provider: Callable[[dt.date], Figures | None]) -> None:
    _figures[:] = [provider]


def figures_for(day: dt.date) -> Figures | None:
    """The legal figures for the day, or None when nobody entered them yet."""
    return _figures[0](day) if _figures else None


def person_totals(
    *, user_id: int, day: dt.date, exclude: tuple[str, int] | None = None
) -> PersonTotals:
    """Everything the person was paid on `day` and in its year, by every role, at the house."""
    total = PersonTotals()
    for name, source in sorted(_sources.items()):
        skip = exclude[1] if exclude and exclude[0] == name else None
        total = total + source(user_id=user_id, day=day, exclude=skip)
    return total


def person_queryset() -> QuerySet:
    """The rows to lock (one per person) so approvals for one person run one after the other."""
    return get_user_model().objects.all()


@dataclass
class CapResult:
    flat_amount: Decimal
    room_day: Decimal
    room_year: Decimal
    km_paid: int
    room_km: int


def within_caps(
    *,
    wanted: Decimal,
    km: int,
    daily_cap: Decimal,
    yearly_cap: Decimal,
    km_yearly_max: int,
    totals: PersonTotals,
) -> CapResult:
    """The flat amount and km that may be paid without crossing a cap. Crossing the yearly cap
    would make the whole year's allowance taxable pay, so the amount is lowered, never above."""
    room_day = max(daily_cap - totals.flat_day, ZERO)
    room_year = max(yearly_cap - totals.year_used, ZERO)
    room_km = max(km_yearly_max - totals.km_used, 0)
    return CapResult(
        flat_amount=money(min(wanted, room_day, room_year)),
        room_day=money(room_day),
        room_year=money(room_year),
        km_paid=min(km, room_km),
        room_km=room_km,
    )
