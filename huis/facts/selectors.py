"""The house's facts as one small value, cached under the "house" scope.

Every page's footer shows them, so a page costs one cache read for them, never a query; a save
through the service (or any save of the three models) bumps the scope, and the next view shows
the change, cached public pages included (huis.core.pagecache adds the scope to every page).
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from django.utils import timezone
from django.utils.translation import get_language

from huis.core.content_language import LocalText  # a text in a language, or the Dutch
from huis.core.phone import display_phone_number
from huis.core.versioned_cache import Cached

from .models import Closure, HouseFacts, OpeningPeriod

SCOPE = "house"
DEFAULT_NAME = "Huis met vele kamers"
TEXT_FIELDS = ("route", "access", "welcome")

FACTS = Cached(name="house-facts", scopes=(SCOPE,), timeout=60 * 60, code=("huis.facts.selectors",))


@dataclass(frozen=True)
class WeeklyPeriod:
    """One weekly opening period, as pages show it ("Tuesday from 14:00 to 17:00")."""

    weekday: int
    opens_at: time
    closes_at: time

    @property
    def weekday_name(self) -> str:
        return str(OpeningPeriod.Weekday(self.weekday).label)


@dataclass(frozen=True)
class Facts:
    name: str = DEFAULT_NAME
    street: str = ""
    number: str = ""
    postal_code: str = ""
    municipality: str = ""
    phone: str = ""
    email: str = ""
    texts: dict[str, dict[str, str]] = field(default_factory=dict)
    # (weekday, opens, closes), in order.
    periods: tuple[tuple[int, time, time], ...] = ()
    # (date, reason), in order: from yesterday on when the value was made.
    closures: tuple[tuple[date, str], ...] = ()

    @property
    def street_line(self) -> str:
        return " ".join(p for p in (self.street, self.number) if p)

    @property
    def town_line(self) -> str:
        return " ".join(p for p in (self.postal_code, self.municipality) if p)

    @property
    def has_address(self) -> bool:
        return bool(self.street and self.municipality)

    @property
    def phone_display(self) -> str:
        return display_phone_number(self.phone)

    def text(self, kind: str, language: str | None = None) -> LocalText:
        language = (language or get_language() or "nl").split("-")[0]
        values = self.texts.get(kind, {})
        if values.get(language):
            return LocalText(values[language], language, False)
        return LocalText(values.get("nl", ""), "nl", language != "nl")

    @property
    def route(self) -> LocalText:
        return self.text("route")

    @property
    def access(self) -> LocalText:
        return self.text("access")

    @property
    def welcome(self) -> LocalText:
        return self.text("welcome")

    def closed_on(self, day: date) -> str | None:
        """The reason the house is closed on `day`, or None when its hours hold."""
        for closed, reason in self.closures:
            if closed == day:
                return reason
        return None

    def periods_on(self, weekday: int) -> list[tuple[time, time]]:
        return [(o, c) for w, o, c in self.periods if w == weekday]

    @property
    def weekly_periods(self) -> list[WeeklyPeriod]:
        return [WeeklyPeriod(w, o, c) for w, o, c in self.periods]

    def has_period(self, weekday: int, opens: time, closes: time) -> bool:
        return (weekday, opens, closes) in self.periods


def _compute() -> Facts:
    row = HouseFacts.objects.filter(pk=1).first()
    periods = tuple(OpeningPeriod.objects.values_list("weekday", "opens_at", "closes_at"))
    since = timezone.localdate() - timedelta(days=1)
    closures = tuple(Closure.objects.filter(date__gte=since).values_list("date", "reason"))
    if row is None:
        return Facts(periods=periods, closures=closures)
    return Facts(
        name=row.name,
        street=row.street,
        number=row.number,
        postal_code=row.postal_code,
        municipality=row.municipality,
        phone=row.phone,
        email=row.email,
        texts={
            kind: {lang: getattr(row, f"{kind}_{lang}") for lang in ("nl", "fr", "en")}
            for kind in TEXT_FIELDS
        },
        periods=periods,
        closures=closures,
    )


def house_facts() -> Facts:
    """The house's facts, from the cache (one round trip) while nothing changed."""
    return FACTS.get_or_set(timezone.localdate(), compute=_compute)


def facts_to_edit() -> HouseFacts:
    """The row staff edit (a fresh one with the default name when there is none yet)."""
    return HouseFacts.objects.filter(pk=1).first() or HouseFacts(pk=1, name=DEFAULT_NAME)


def closures_window_start() -> date:
    """The facts page shows (and replaces) the closed days from this day on."""
    return timezone.localdate() - timedelta(days=31)


def closures_to_edit() -> list[Closure]:
    """Closed days to come, and the last few weeks' (so a mistake can still be seen)."""
    return list(Closure.objects.filter(date__gte=closures_window_start()))
