"""A volunteer's private calendar feed: their shifts (and the places they wait for), built
with the shared helpers of huis.core.ics. Events say only what the volunteer needs."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.core.ics import escape, utc, vcalendar

PRODID = "-//Huis met vele kamers//Vrijwilligers//NL"


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]


def _event(claim, now) -> list[str]:
    shift = claim.shift
    title = shift.title if claim.status == "confirmed" else _("Waiting list") + ": " + shift.title
    cancelled = shift.is_cancelled
    return [
        "BEGIN:VEVENT",
        f"UID:volunteer-shift-{shift.pk}-{claim.pk}@{_host()}",
        f"DTSTAMP:{utc(now)}",
        f"DTSTART:{utc(shift.starts_at)}",
        f"DTEND:{utc(shift.ends_at)}",
        f"SUMMARY:{escape(title)}",
        f"LOCATION:{escape(shift.place)}",
        f"URL:{settings.SITE_URL}{reverse('vrijwilligers:shift_detail', args=[shift.pk])}",
        "STATUS:CANCELLED" if cancelled else "STATUS:CONFIRMED",
        "END:VEVENT",
    ]


def volunteer_calendar(claims: list, *, name: str) -> str:
    now = timezone.now()
    return vcalendar([_event(c, now) for c in claims], name=name, prodid=PRODID)
