"""What a report section is made of: a period, figures with their definitions, and charts."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

SMALL = 5  # fewer people than this are shown as "<5" outside the house
SMALL_TEXT = "<5"


@dataclass(frozen=True)
class Period:
    """From `start` up to and including `end` (dates in Europe/Brussels)."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def is_year(self) -> bool:
        return (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31)

    @property
    def until(self) -> dt.date:
        """The first day after the period (for `< until` filters)."""
        return self.end + dt.timedelta(days=1)

    def key(self) -> str:
        return f"{self.start.isoformat()}_{self.end.isoformat()}"


Number = int | Decimal | None


@dataclass(frozen=True)
class Figure:
    """One number and what it counts. `people`: it counts persons, so a small value is hidden
    in exports (fewer than five people could be recognised)."""

    key: str
    label: str
    value: Number
    definition: str
    people: bool = False
    unit: str = ""


@dataclass(frozen=True)
class ChartRow:
    label: str
    value: int


@dataclass(frozen=True)
class Chart:
    title: str
    rows: list[ChartRow]
    people: bool = False


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    figures: list[Figure]
    charts: list[Chart] = field(default_factory=list)
    people_keys: frozenset[str] = frozenset()  # pseudonymous keys, for the house-wide count

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def value(self, key: str) -> Number:
        return self.figure(key).value


def shown(value: Number, *, people: bool, suppress: bool = True) -> str:
    """A figure as text; counts of 1 to 4 people as "<5" when `suppress`."""
    if value is None:
        return "–"
    if people and suppress and 0 < value < SMALL:
        return SMALL_TEXT
    if isinstance(value, Decimal):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def exported(value: Number, *, people: bool) -> int | float | str | None:
    """A figure for a spreadsheet cell: a number, or "<5" for a small count of people."""
    if value is None:
        return None
    if people and 0 < value < SMALL:
        return SMALL_TEXT
    if isinstance(value, Decimal):
        return float(value)
    return value
