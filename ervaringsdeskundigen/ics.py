"""The expert's private calendar feed: accepted assignments and intervision sessions.

Built with the shared helpers of huis.core.ics. The feed's address holds a secret token the
expert can renew; the events say only what the expert needs (no contact details).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.core.ics import escape, utc, vcalendar

from .models import Assignment, IntervisionSession

PRODID = "-//Huis met vele kamers//Ervaringsdeskundigen//NL"


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]


def _assignment(assignment: Assignment, now) -> list[str]:
    request = assignment.request
    summary = f"{request.work_kind}: {request.organisation_name}"
    return [
        "BEGIN:VEVENT",
        f"UID:experts-assignment-{assignment.pk}@{_host()}",
        f"DTSTAMP:{utc(now)}",
        f"DTSTART:{utc(assignment.starts_at)}",
        f"DTEND:{utc(assignment.ends_at)}",
        f"SUMMARY:{escape(summary)}",
        f"LOCATION:{escape(request.place)}",
        f"DESCRIPTION:{escape(request.audience)}",
        f"URL:{settings.SITE_URL}{reverse('ervaringsdeskundigen:dashboard')}",
        "STATUS:CONFIRMED",
        "END:VEVENT",
    ]


def _session(session: IntervisionSession, now) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:experts-intervision-{session.pk}@{_host()}",
        f"DTSTAMP:{utc(now)}",
        f"DTSTART:{utc(session.starts_at)}",
        f"DTEND:{utc(session.ends_at)}",
        f"SUMMARY:{escape(_('Intervision') + ': ' + session.title)}",
        f"LOCATION:{escape(session.place)}",
        "STATUS:CANCELLED" if session.is_cancelled else "STATUS:CONFIRMED",
        "END:VEVENT",
    ]


def expert_calendar(
    assignments: list[Assignment], sessions: list[IntervisionSession], *, name: str
) -> str:
    now = timezone.now()
    events = [_assignment(a, now) for a in assignments] + [_session(s, now) for s in sessions]
    return vcalendar(events, name=name, prodid=PRODID)
