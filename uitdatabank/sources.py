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


@dataclass(frozen=True)
class Item:
    source: str
    pk: int
    title: str
    description: str
    kind_key: str  # the CategoryMapping key
    sessions: tuple[tuple[dt.datetime, dt.datetime], ...]
    place_key: str  # "house", or the text of a place outside the house
    place_label: str
    cancelled: bool
    cancel_reason: str
    price: Decimal
    url: str
    facilities: tuple[str, ...]
    capacity: int | None
    taken: int

    @property
    def ends_at(self) -> dt.datetime:
        return max(end for _start, end in self.sessions)

    @property
    def is_over(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.taken, 0)


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _activity_item(activity) -> Item:
    offering = activity.offering
    description = activity.summary
    if activity.description:
        description = f"{activity.summary}\n\n{activity.description}"
    if activity.price_note:
        description = f"{description}\n\n{activity.price_note}"
    return Item(
        source=Source.ACTIVITY,
        pk=activity.pk,
        title=activity.title,
        description=description,
        kind_key=f"activity:{activity.category}",
        sessions=((activity.starts_at, activity.ends_at),),
        place_key="house" if activity.room_id else activity.location.strip(),
        place_label=activity.place_name,
        cancelled=activity.is_cancelled,
        cancel_reason=activity.cancel_reason,
        price=activity.price,
        url=_absolute(activity.get_absolute_url()),
        facilities=tuple(f for f in ACCESSIBILITY_FIELDS if getattr(activity, f, False)),
        capacity=offering.capacity if offering else None,
        taken=offering.taken if offering else 0,
    )


def _course_item(course) -> Item | None:
    sessions = list(course.sessions.all())
    if not sessions:
        return None
    first = sessions[0]
    goals = "\n".join(f"- {line}" for line in course.learning_goal_lines)
    offering = course.offering
    return Item(
        source=Source.COURSE,
        pk=course.pk,
        title=course.title,
        description=f"{course.summary}\n\n{goals}".strip(),
        kind_key=f"course:{course.format}",
        sessions=tuple((s.starts_at, s.ends_at) for s in sessions),
        place_key="house" if first.room_id else first.location.strip(),
        place_label=first.place_name,
        cancelled=course.is_cancelled,
        cancel_reason="",
        price=Decimal(0),  # the Recovery College is free
        url=_absolute(course.get_absolute_url()),
        facilities=(),
        capacity=offering.capacity if offering else course.max_students,
        taken=offering.taken if offering else 0,
    )


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


def series_members(*, pk: int) -> list[int]:
    """The activity `pk` and the other coming public activities of its weekly series."""
    activity = programme.activity_for_page(user=AnonymousUser(), pk=pk)
    if activity is None or not activity.series_id:
        return [pk]
    now = timezone.now()
    return [a.pk for a in programme.feed() if a.series_id == activity.series_id and a.ends_at > now]


def upcoming(*, days: int | None = None) -> list[Listed]:
    """Public activities and courses not over yet (within `days` when given), soonest first."""
    now = timezone.now()
    until = now + dt.timedelta(days=days) if days else None
    labels = dict(programme.categories())
    rows = []
    for activity in programme.feed():
        if activity.ends_at <= now or (until and activity.starts_at > until):
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
                series_id=activity.series_id,
            )
        )
    courses = academy.public_courses().filter(last_session_ends_at__gt=now)
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
