"""iCalendar (RFC 5545) for activities: one event for "add to my calendar", or a whole feed."""

from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from huis.core.ics import escape, utc, vcalendar

from .models import Activity

PRODID = "-//Huis met vele kamers//Agenda//NL"


def _event(activity: Activity, now: datetime) -> list[str]:
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
    place = activity.place_name
    lines = [
        "BEGIN:VEVENT",
        f"UID:activity-{activity.pk}@{host}",
        f"DTSTAMP:{utc(now)}",
        f"LAST-MODIFIED:{utc(activity.updated_at)}",
        f"DTSTART:{utc(activity.starts_at)}",
        f"DTEND:{utc(activity.ends_at)}",
        f"SUMMARY:{escape(activity.title)}",
        f"DESCRIPTION:{escape(activity.summary)}",
        f"URL:{settings.SITE_URL}{activity.get_absolute_url()}",
        f"CATEGORIES:{escape(activity.get_category_display())}",
        "STATUS:CANCELLED" if activity.is_cancelled else "STATUS:CONFIRMED",
    ]
    if place:
        lines.append(f"LOCATION:{escape(place)}")
    lines.append("END:VEVENT")
    return lines


def calendar(activities: Iterable[Activity], *, name: str) -> str:
    now = timezone.now()
    return vcalendar((_event(a, now) for a in activities), name=name, prodid=PRODID)
