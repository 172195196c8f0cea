"""What the house shows publicly about an activity or a course, read through ontmoeting's and
herstelacademie's own selectors (never their models), as one plain `Item`. Only what an anonymous
visitor of the public agenda may see is read: a draft is "not public", and no sign-up, name or
contact detail of a person is ever part of an Item.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from herstelacademie import selectors as academy
from ontmoeting import selectors as programme

from .models import Source

# The house's own accessibility facts (fields of an activity) that map to facility terms, with
# the words staff know them by (the same as on the activity form).
ACCESSIBILITY_LABELS = {
    "step_free": _("Step-free access"),
    "accessible_toilet": _("Accessible toilet"),
    "hearing_loop": _("Hearing loop"),
    "quiet_room": _("Quiet room nearby"),
    "sign_language": _("Sign language interpreter"),
    "easy_to_read": _("Easy-to-read information"),
}
ACCESSIBILITY_FIELDS = tuple(ACCESSIBILITY_LABELS)


# The accessibility facts of a room of the house that say the same as an activity's own.
ROOM_ACCESSIBILITY = {
    "step_free": "step_free",
    "accessible_toilet": "accessible_toilet",
    "hearing_loop": "hearing_loop",
    "is_quiet_room": "quiet_room",
}

# The languages UiTdatabank takes text in, the house's main language first.
LANGUAGES = ("nl", "fr", "en")


@dataclass(frozen=True)
class Session:
    """One date of an item: a course session, an activity, or one date of a weekly series, with
    its own state (a single date of a series can be cancelled or full on its own)."""

    starts_at: dt.datetime
    ends_at: dt.datetime
    cancelled: bool = False
    cancel_reason: str = ""
    capacity: int | None = None
    taken: int = 0

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)


@dataclass(frozen=True)
class Item:
    source: str
    pk: int
    # The name and description per language ("nl" always; "fr", "en" when the house has them).
    names: dict[str, str]
    descriptions: dict[str, str]
    kind_key: str  # the CategoryMapping key
    sessions: tuple[Session, ...]
    place_key: str  # "house", or the text of a place outside the house
    place_label: str
    price: Decimal
    url: str
    facilities: tuple[str, ...]

    @property
    def title(self) -> str:
        return self.names["nl"]

    @property
    def description(self) -> str:
        return self.descriptions.get("nl", "")

    @property
    def cancelled(self) -> bool:
        """Cancelled as a whole: every date is."""
        return all(s.cancelled for s in self.sessions)

    @property
    def cancel_reason(self) -> str:
        reasons = {s.cancel_reason.strip() for s in self.sessions if s.cancel_reason.strip()}
        return reasons.pop() if self.cancelled and len(reasons) == 1 else ""

    @property
    def full(self) -> bool:
        """No place left on any date that still happens."""
        happening = [s for s in self.sessions if not s.cancelled] or list(self.sessions)
        return all(s.places_left == 0 for s in happening)

    @property
    def ends_at(self) -> dt.datetime:
        return max(s.ends_at for s in self.sessions)

    @property
    def is_over(self) -> bool:
        return self.ends_at <= timezone.now()


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _texts(obj, field: str, main: str) -> dict[str, str]:
    """The text in every language the object has: `main` in Dutch, and `<field>_fr`,
    `<field>_en` where the model has them and they are filled in. The house's models have
    Dutch only today (content translations are another issue); this is where theirs arrive."""
    texts = {"nl": main}
    for language in LANGUAGES[1:]:
        value = getattr(obj, f"{field}_{language}", "") or ""
        if isinstance(value, str) and value.strip():
            texts[language] = value.strip()
    return texts


def _activity_description(activity) -> str:
    description = activity.summary
    if activity.description:
        description = f"{activity.summary}\n\n{activity.description}"
    if activity.price_note:
        description = f"{description}\n\n{activity.price_note}"
    return description


def _activity_facilities(activity) -> tuple[str, ...]:
    """The activity's own accessibility facts, and those its room has anyway."""
    room = activity.room if activity.room_id else None
    from_room = {
        fact for field, fact in ROOM_ACCESSIBILITY.items() if room and getattr(room, field, False)
    }
    return tuple(f for f in ACCESSIBILITY_FIELDS if getattr(activity, f, False) or f in from_room)


def _activity_session(activity) -> Session:
    offering = activity.offering
    return Session(
        starts_at=activity.starts_at,
        ends_at=activity.ends_at,
        cancelled=activity.is_cancelled,
        cancel_reason=activity.cancel_reason,
        capacity=offering.capacity if offering else None,
        taken=offering.taken if offering else 0,
    )


def _activity_item(
    activity, *, source: str = Source.ACTIVITY, pk: int | None = None, sessions=None
) -> Item:
    return Item(
        source=source,
        pk=activity.pk if pk is None else pk,
        names=_texts(activity, "title", activity.title),
        descriptions=_texts(activity, "description", _activity_description(activity)),
        kind_key=f"activity:{activity.category}",
        sessions=sessions or (_activity_session(activity),),
        place_key="house" if activity.room_id else activity.location.strip(),
        place_label=activity.place_name,
        price=activity.price,
        url=_absolute(activity.get_absolute_url()),
        facilities=_activity_facilities(activity),
    )


def _series_item(series_id: int) -> Item | None:
    """A weekly series as ONE item: every public date of it is a session with its own state.
    What is said of it as a whole (name, kind, place, price) is what its next date says."""
    dates = programme.series_activities(series_id=series_id)
    if not dates:
        return None
    now = timezone.now()
    pool = [a for a in dates if a.ends_at > now] or dates[-1:]
    lead = next((a for a in pool if not a.is_cancelled), pool[0])
    return _activity_item(
        lead,
        source=Source.SERIES,
        pk=series_id,
        sessions=tuple(_activity_session(a) for a in dates),
    )


def _course_item(course) -> Item | None:
    sessions = list(course.sessions.all())
    if not sessions:
        return None
    first = sessions[0]
    goals = "\n".join(f"- {line}" for line in course.learning_goal_lines)
    offering = course.offering
    capacity = offering.capacity if offering else course.max_students
    taken = offering.taken if offering else 0
    return Item(
        source=Source.COURSE,
        pk=course.pk,
        names=_texts(course, "title", course.title),
        descriptions=_texts(course, "description", f"{course.summary}\n\n{goals}".strip()),
        kind_key=f"course:{course.format}",
        # A course's places are for the whole course: every session has the same places left.
        sessions=tuple(
            Session(
                starts_at=s.starts_at,
                ends_at=s.ends_at,
                cancelled=course.is_cancelled,
                capacity=capacity,
                taken=taken,
            )
            for s in sessions
        ),
        place_key="house" if first.room_id else first.location.strip(),
        place_label=first.place_name,
        price=Decimal(0),  # the Recovery College is free
        url=_absolute(course.get_absolute_url()),
        facilities=(),
    )


def publication_key(*, source: str, pk: int) -> tuple[str, int]:
    """Which publication a house object is part of: an activity of a weekly series is one date
    of its series' event."""
    if source == Source.ACTIVITY:
        series_id = programme.activity_series_id(pk=pk)
        if series_id:
            return Source.SERIES, series_id
    return source, pk


def public_item(*, source: str, pk: int) -> Item | None:
    """The item as the public agenda shows it, or None when it is not public (draft, gone)."""
    anonymous = AnonymousUser()
    if source == Source.ACTIVITY:
        activity = programme.activity_for_page(user=anonymous, pk=pk)
        return _activity_item(activity) if activity else None
    if source == Source.COURSE:
        course = academy.course_for_page(user=anonymous, pk=pk)
        if course is None or course.status == "draft":
            return None
        return _course_item(course)
    if source == Source.SERIES:
        return _series_item(pk)
    return None


@dataclass(frozen=True)
class Listed:
    source: str
    pk: int
    title: str
    starts_at: dt.datetime
    kind_key: str
    kind_label: str
    cancelled: bool
    url: str
    series_id: int | None = None
    dates: int = 1  # a weekly series: its coming dates (it is listed once, at the next one)


def upcoming(*, days: int | None = None) -> list[Listed]:
    """Public activities and courses not over yet (within `days` when given), soonest first."""
    now = timezone.now()
    until = now + dt.timedelta(days=days) if days else None
    labels = dict(programme.categories())
    rows = []
    series: dict[int, list] = {}
    for activity in programme.feed():
        if activity.ends_at <= now or (until and activity.starts_at > until):
            continue
        if activity.series_id:
            series.setdefault(activity.series_id, []).append(activity)
            continue
        rows.append(
            Listed(
                source=Source.ACTIVITY,
                pk=activity.pk,
                title=activity.title,
                starts_at=activity.starts_at,
                kind_key=f"activity:{activity.category}",
                kind_label=str(labels.get(activity.category, activity.category)),
                cancelled=activity.is_cancelled,
                url=activity.get_absolute_url(),
            )
        )
    # A weekly series is one event in UiTdatabank: listed once, at its next date.
    for series_id, dates in series.items():
        lead = next((a for a in dates if not a.is_cancelled), dates[0])
        rows.append(
            Listed(
                source=Source.SERIES,
                pk=series_id,
                title=lead.title,
                starts_at=dates[0].starts_at,
                kind_key=f"activity:{lead.category}",
                kind_label=str(labels.get(lead.category, lead.category)),
                cancelled=all(a.is_cancelled for a in dates),
                url=lead.get_absolute_url(),
                series_id=series_id,
                dates=len(dates),
            )
        )
    courses = academy.public_course_list().filter(last_session_ends_at__gt=now)
    if until:
        courses = courses.filter(first_session_at__lt=until)
    for course in courses.order_by("first_session_at", "pk")[:500]:
        rows.append(
            Listed(
                source=Source.COURSE,
                pk=course.pk,
                title=course.title,
                starts_at=course.first_session_at,
                kind_key=f"course:{course.format}",
                kind_label=str(course.get_format_display()),
                cancelled=course.is_cancelled,
                url=course.get_absolute_url(),
            )
        )
    return sorted(rows, key=lambda r: (r.starts_at, r.source, r.pk))
