"""Open now, and when next: computed from the weekly periods and the closed days, in the house's
own time zone (Europe/Brussels), so a daylight-saving day changes nothing on the clock."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from huis.core.templatetags.house_dates import house_date

from .models import OpeningPeriod
from .selectors import Facts

HOUSE_ZONE = ZoneInfo(settings.TIME_ZONE)
LOOK_AHEAD_DAYS = 60  # no opening found within this: "closed" without a next time


@dataclass(frozen=True)
class OpenStatus:
    is_open: bool
    until: time | None = None  # when open: the end of the current period
    next_opening: datetime | None = None  # when closed: the next start, in the house's zone
    now_date: date | None = None  # the house's today, for "today" and "tomorrow"

    @property
    def sentence(self) -> str:
        if self.is_open:
            return _("Open now until %(time)s") % {"time": f"{self.until:%H:%M}"}
        if self.next_opening is None:
            return _("Closed now")
        return _("Closed now. We open again %(when)s at %(time)s") % {
            "when": _day_words(self.next_opening.date(), self.now_date),
            "time": f"{self.next_opening:%H:%M}",
        }


def _day_words(day: date, today: date | None) -> str:
    if today is not None and day == today:
        return _("today")
    if today is not None and day == today + timedelta(days=1):
        return _("tomorrow")
    name = str(OpeningPeriod.Weekday(day.weekday()).label)
    if not (get_language() or "nl").startswith("en"):  # "maandag", "lundi"; English: "Monday"
        name = name.lower()
    if today is not None and day < today + timedelta(days=7):
        return name
    return pgettext("weekday and date", "%(weekday)s %(date)s") % {
        "weekday": name,
        "date": house_date(day, "j F"),
    }


def status_at(facts: Facts, now: datetime) -> OpenStatus:
    """Whether the house is open at `now` (aware), and until when or from when."""
    local = now.astimezone(HOUSE_ZONE)
    today, clock = local.date(), local.time().replace(tzinfo=None)
    if facts.closed_on(today) is None:
        for opens, closes in facts.periods_on(today.weekday()):
            if opens <= clock < closes:
                return OpenStatus(is_open=True, until=_end_of_run(facts, today, closes))
    for offset in range(LOOK_AHEAD_DAYS + 1):
        day = today + timedelta(days=offset)
        if facts.closed_on(day) is not None:
            continue
        for opens, _closes in facts.periods_on(day.weekday()):
            if offset or opens > clock:
                start = datetime.combine(day, opens, tzinfo=HOUSE_ZONE)
                return OpenStatus(is_open=False, next_opening=start, now_date=today)
    return OpenStatus(is_open=False, now_date=today)


def _end_of_run(facts: Facts, day: date, closes: time) -> time:
    """Periods that follow each other without a break read as one ("until 17:00")."""
    for opens, later in facts.periods_on(day.weekday()):
        if opens == closes:
            return _end_of_run(facts, day, later)
    return closes


@dataclass(frozen=True)
class Day:
    weekday: int
    name: str
    periods: list[tuple[time, time]]
    is_today: bool
    closed_reason: str | None  # today only: closed by a closure


def week(facts: Facts, today: date) -> list[Day]:
    """Monday to Sunday with their periods; today marked (and closed when it is a closed day)."""
    return [
        Day(
            weekday=value,
            name=str(label),
            periods=facts.periods_on(value),
            is_today=value == today.weekday(),
            closed_reason=facts.closed_on(today) if value == today.weekday() else None,
        )
        for value, label in OpeningPeriod.Weekday.choices
    ]


def coming_closures(facts: Facts, today: date, *, days: int = 90) -> list[tuple[date, str]]:
    return [(d, r) for d, r in facts.closures if today <= d <= today + timedelta(days=days)]
