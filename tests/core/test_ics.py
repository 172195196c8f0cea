"""Every calendar the portal writes (the agenda feed, an activity's file and its mail attachment,
the expert's private feed) stays exactly the events it should, whatever a person typed.

Parsed back with the icalendar library AND split naively on a carriage return (as some parsers do),
a value full of CR, LF, CRLF, ';', ',' and '\\' is one property of one event, never a new line.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ervaringsdeskundigen.ics import expert_calendar
from ervaringsdeskundigen.models import Assignment, ExpertRequest, IntervisionSession
from ervaringsdeskundigen.models.lists import WorkKind
from huis.core.ics import escape, utc, vcalendar
from ontmoeting.ics import calendar as activity_calendar
from ontmoeting.notify import _ics_attachment
from tests.factories import ActivityFactory

# The injection of the issue: a lone CR followed by a whole extra event.
INJECTED = "END:VEVENT\rBEGIN:VEVENT\rUID:evil@x\rSUMMARY:Gratis\rEND:VEVENT"
HOSTILE = f"a\rb\nc\r\nd; e, f \\ g\\n {INJECTED}\x0bh\u2028i\x07j"
# What a reader sees: every line break one LF, other control characters gone.
SEEN = f"a\nb\nc\nd; e, f \\ g\\n {INJECTED.replace(chr(13), chr(10))}\nh\ni" + "j"


def _events(text: str) -> list:
    calendar = Calendar.from_ical(text)
    return list(calendar.walk("VEVENT"))


def _assert_clean(text: str, *, events: int) -> list:
    """Exactly `events` events, for icalendar and for a parser that splits on CR alone."""
    assert "\r\n" in text
    # No CR or LF except as the CRLF that ends a line.
    assert "\r" not in text.replace("\r\n", "") and "\n" not in text.replace("\r\n", "")
    naive = [line.strip("\n") for line in text.split("\r")]
    assert sum(line == "BEGIN:VEVENT" for line in naive) == events
    assert sum(line == "END:VEVENT" for line in naive) == events
    assert not any(line.startswith("UID:evil") for line in naive)
    for line in text.split("\r\n"):
        assert len(line.encode()) <= 75, line
    parsed = _events(text)
    assert len(parsed) == events
    return parsed


def test_a_hostile_value_stays_inside_its_property():
    now = timezone.now()
    lines = [
        "BEGIN:VEVENT",
        "UID:one@huis.test",
        f"DTSTAMP:{utc(now)}",
        f"DTSTART:{utc(now)}",
        f"DTEND:{utc(now + timedelta(hours=1))}",
        f"SUMMARY:{escape(HOSTILE)}",
        f"DESCRIPTION:{escape(HOSTILE)}",
        f"LOCATION:{escape(HOSTILE)}",
        f"CATEGORIES:{escape(HOSTILE)}",
        "END:VEVENT",
    ]
    text = vcalendar([lines], name=HOSTILE, prodid="-//Test//NL")
    (event,) = _assert_clean(text, events=1)
    for name in ("SUMMARY", "DESCRIPTION", "LOCATION"):
        assert str(event[name]) == SEEN, name
    assert [str(c) for c in event["CATEGORIES"].cats] == [SEEN]
    # icalendar hands an X- property back as written: escaped the RFC 5545 way, on one line.
    assert str(Calendar.from_ical(text)["X-WR-CALNAME"]) == escape(SEEN)
    assert event.decoded("DTSTART") == now.replace(microsecond=0)


@pytest.mark.django_db
def test_the_activity_file_feed_and_mail_attachment(client):
    activity = ActivityFactory(title=HOSTILE, summary=HOSTILE, room=None, location=HOSTILE)
    ActivityFactory(title="Samen koken")
    for text in (
        activity_calendar([activity], name=HOSTILE),
        _ics_attachment(activity)[0]["content"],
        client.get(reverse("ontmoeting:activity_ics", args=[activity.pk, activity.slug])).text,
    ):
        (event,) = _assert_clean(text, events=1)
        assert str(event["SUMMARY"]) == str(event["DESCRIPTION"]) == SEEN
        assert str(event["LOCATION"]) == SEEN
        assert str(event["UID"]).startswith(f"activity-{activity.pk}@")
    feed = client.get(reverse("agenda_feed"))
    assert feed["Content-Type"].startswith("text/calendar")
    events = _assert_clean(feed.text, events=2)
    assert {str(e["SUMMARY"]) for e in events} == {SEEN, "Samen koken"}


def test_the_expert_feed():
    start = timezone.now().replace(microsecond=0)
    request = ExpertRequest(
        organisation_name=HOSTILE,
        work_kind=WorkKind(name="Getuigenis"),
        place=HOSTILE,
        audience=HOSTILE,
    )
    assignment = Assignment(pk=7, request=request, starts_at=start, ends_at=start + timedelta(1))
    session = IntervisionSession(
        pk=8, title=HOSTILE, place=HOSTILE, starts_at=start, ends_at=start + timedelta(hours=2)
    )
    text = expert_calendar([assignment], [session], name="Mijn agenda")
    first, second = _assert_clean(text, events=2)
    assert str(first["LOCATION"]) == str(first["DESCRIPTION"]) == SEEN
    assert str(first["SUMMARY"]) == f"Getuigenis: {SEEN}"
    assert str(second["LOCATION"]) == SEEN and str(second["SUMMARY"]).endswith(SEEN)
    assert first.decoded("DTSTART") == start
