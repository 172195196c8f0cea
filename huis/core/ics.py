"""iCalendar (RFC 5545) for every calendar the portal publishes: feeds, "add to my calendar" files
and mail attachments.

The file itself is written by the `icalendar` library, never by hand: it escapes text, folds long
lines and ends every line with CRLF. The functions keep the small interface the apps were built
on (an event is a list of `NAME:value` lines, text values passed through `escape()`); `vcalendar()`
reads those lines back into typed properties and lets the library write them. A value a person
typed can therefore never end a line early: a carriage return, a line feed, a vertical tab or a
Unicode line separator all become an escaped `\\n` inside the one property.
"""

import re
from collections.abc import Iterable
from datetime import UTC, datetime

from icalendar import Calendar, Event, vText

# Every character some parser treats as the end of a line (Python's str.splitlines() list).
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Other control characters have no place in a calendar's text (RFC 5545 allows only tab).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")
_UNESCAPE = re.compile(r"\\([\\;,nN])")
_STAMP = "%Y%m%dT%H%M%SZ"
_DATETIMES = {"DTSTART", "DTEND", "DTSTAMP", "LAST-MODIFIED", "CREATED", "RECURRENCE-ID"}
_RAW = {"URL", "UID", "STATUS"}


def clean(text: str) -> str:
    """Any kind of line break as one LF, and no other control characters."""
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", str(text)))


def escape(text: str) -> str:
    """A text value for a `NAME:value` line handed to `vcalendar()` (RFC 5545 TEXT escaping)."""
    return (
        clean(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def _unescape(value: str) -> str:
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (kept for callers;
    `vcalendar()` lets the library fold)."""
    encoded = line.encode()
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode()
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode())
            current = b""
        current += piece
    parts.append(current.decode())
    return "\r\n ".join(parts)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(_STAMP)


def _event(lines: list[str]) -> Event:
    """One event from its `NAME:value` lines, each value typed as RFC 5545 wants it."""
    event = Event()
    for line in lines:
        name, _, value = line.partition(":")
        name = name.strip().upper()
        if name in {"BEGIN", "END"} or not name:
            continue
        if name in _DATETIMES:
            event.add(name, datetime.strptime(value.strip(), _STAMP).replace(tzinfo=UTC))
        elif name in _RAW:
            event.add(name, _CONTROL.sub("", _LINE_BREAK.sub("", value)))
        elif name == "CATEGORIES":
            # An escaped comma stays inside one category; a bare one separates categories.
            parts = re.split(r"(?<!\\),", value)
            event.add(name, [clean(_unescape(part)) for part in parts if part])
        else:
            event.add(name, vText(clean(_unescape(value))))
    return event


def vcalendar(events: Iterable[list[str]], *, name: str, prodid: str) -> str:
    """A whole calendar from events given as their lines (BEGIN:VEVENT ... END:VEVENT)."""
    calendar = Calendar()
    calendar.add("PRODID", clean(prodid).replace("\n", " "))
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    calendar.add("X-WR-CALNAME", vText(clean(name)))
    calendar.add("X-WR-TIMEZONE", "Europe/Brussels")
    for lines in events:
        calendar.add_component(_event(lines))
    return calendar.to_ical().decode()
