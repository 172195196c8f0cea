"""iCalendar (RFC 5545) for activities: one event for "add to my calendar", or a whole feed."""

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone

from .models import Activity

PRODID = "-//Huis met vele kamers//Agenda//NL"


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
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


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(activity: Activity, now: datetime) -> list[str]:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    place = activity.place_name
    lines = [
        "BEGIN:VEVENT",
        f"UID:activity-{activity.pk}@{host}",
        f"DTSTAMP:{_utc(now)}",
        f"LAST-MODIFIED:{_utc(activity.updated_at)}",
        f"DTSTART:{_utc(activity.starts_at)}",
        f"DTEND:{_utc(activity.ends_at)}",
        f"SUMMARY:{_escape(activity.title)}",
        f"DESCRIPTION:{_escape(activity.summary)}",
        f"URL:{settings.SITE_URL}{activity.get_absolute_url()}",
        f"CATEGORIES:{_escape(activity.get_category_display())}",
        "STATUS:CANCELLED" if activity.is_cancelled else "STATUS:CONFIRMED",
    ]
    if place:
        lines.append(f"LOCATION:{_escape(place)}")
    lines.append("END:VEVENT")
    return lines


def calendar(activities: Iterable[Activity], *, name: str) -> str:
    now = timezone.now()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        "X-WR-TIMEZONE:Europe/Brussels",
    ]
    for activity in activities:
        lines.extend(_event(activity, now))
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
