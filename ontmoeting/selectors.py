"""Reads of ontmoeting, each for an acting user, with the joins that keep page costs fixed."""

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from django.contrib.postgres.search import SearchQuery
from django.db.models import Count, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth, TruncDate
from django.utils import timezone

from huis.accounts.access import is_house
from huis.facts.selectors import WeeklyPeriod, house_facts
from huis.places.models import ACTIVE_STATUSES, PlaceClaim
from huis.places.selectors import claims_of as places_claims_of

from .models import (
    ACCESSIBILITY,
    SEARCH_CONFIG,
    Activity,
    Category,
    WalkInTally,
    search_vector,
)

PAGE_SIZE = 20
# The public agenda pages by ten: a card with its places and accessibility is about 400 px on a
# phone, so twenty made a page of 8,500 px; ten are about 5,000 (issue 22).
AGENDA_PAGE_SIZE = 10
WEEKS_AHEAD = 8


@dataclass(frozen=True)
class AgendaFilters:
    week: dt.date | None = None  # the Monday of the week
    category: str = ""
    places_left: bool = False
    query: str = ""
    access: tuple[str, ...] = ()  # accessibility fields that must all hold
    after: tuple[dt.datetime, int] | None = None  # keyset: the last card of the previous page


def _base(user: Any) -> QuerySet[Activity]:
    # Drafts never show on the public agenda, also not for staff (they have their own list).
    return Activity.objects.select_related("room", "offering").exclude(status=Activity.Status.DRAFT)


def agenda(*, user: Any, filters: AgendaFilters) -> tuple[list[Activity], bool]:
    """One page of the public agenda: upcoming published (and recently cancelled) activities,
    oldest first, with `day` for grouping. Returns the page and whether there is more."""
    now = timezone.now()
    qs = _base(user).filter(ends_at__gt=now)
    if filters.week is not None:
        start = timezone.make_aware(dt.datetime.combine(filters.week, dt.time.min))
        end = timezone.make_aware(
            dt.datetime.combine(filters.week + dt.timedelta(days=7), dt.time.min)
        )
        qs = qs.filter(starts_at__gte=start, starts_at__lt=end)
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.places_left:
        qs = qs.filter(status=Activity.Status.PUBLISHED).filter(
            Q(offering__capacity__isnull=True) | Q(offering__taken__lt=F("offering__capacity"))
        )
    for name in filters.access:
        if name in dict(ACCESSIBILITY):
            qs = qs.filter(**{name: True})
    if filters.query:
        search = SearchQuery(filters.query, config=SEARCH_CONFIG, search_type="websearch")
        qs = qs.annotate(search=search_vector()).filter(
            Q(search=search) | Q(title__icontains=filters.query)
        )
    if filters.after is not None:
        at, pk = filters.after
        qs = qs.filter(Q(starts_at__gt=at) | Q(starts_at=at, pk__gt=pk))
    qs = qs.annotate(day=TruncDate("starts_at", tzinfo=timezone.get_current_timezone()))
    rows = list(qs.order_by("starts_at", "pk")[: AGENDA_PAGE_SIZE + 1])
    return rows[:AGENDA_PAGE_SIZE], len(rows) > AGENDA_PAGE_SIZE


def weeks_ahead(*, today: dt.date | None = None) -> list[dt.date]:
    today = today or timezone.localdate()
    monday = today - dt.timedelta(days=today.weekday())
    return [monday + dt.timedelta(weeks=n) for n in range(WEEKS_AHEAD)]


def categories() -> list[tuple[str, str]]:
    return list(Category.choices)


def activity_for_page(*, user: Any, pk: int) -> Activity | None:
    """One activity for its public page; drafts only for the house's people."""
    qs = Activity.objects.select_related("room", "offering").prefetch_related("leaders")
    if not is_house.test(user):
        qs = qs.exclude(status=Activity.Status.DRAFT)
    return qs.filter(pk=pk).first()


def activity_for_sign_up(*, user: Any, pk: int) -> Activity | None:
    """The activity a sign-up is for: what the sign-up and its messages need, not the page's
    extras (leaders); a form with errors shows the page again from `activity_for_page`."""
    qs = Activity.objects.select_related("room", "offering")
    if not is_house.test(user):
        qs = qs.exclude(status=Activity.Status.DRAFT)
    return qs.filter(pk=pk).first()


def own_claim(*, user: Any, activity: Activity) -> PlaceClaim | None:
    if not getattr(user, "is_authenticated", False) or not activity.offering_id:
        return None
    return (
        PlaceClaim.objects.filter(
            offering_id=activity.offering_id, user=user, status__in=ACTIVE_STATUSES
        )
        .order_by("-id")
        .first()
    )


def feed(*, category: str = "") -> QuerySet[Activity]:
    """Published and cancelled activities from a week ago to a year ahead, for calendars."""
    now = timezone.now()
    qs = Activity.objects.select_related("room").filter(
        status__in=[Activity.Status.PUBLISHED, Activity.Status.CANCELLED],
        ends_at__gt=now - dt.timedelta(days=7),
        starts_at__lt=now + dt.timedelta(days=366),
    )
    if category:
        qs = qs.filter(category=category)
    return qs.order_by("starts_at", "pk")[:1000]


def open_hours() -> list[WeeklyPeriod]:
    """When the house is open to drop in: its opening hours (huis.facts, cached: no query)."""
    return house_facts().weekly_periods


@dataclass(frozen=True)
class MyClaim:
    """One of a person's sign-ups for an activity, as "mijn activiteiten" shows it."""

    pk: int
    offering_id: int
    user_id: int
    status: str
    places: int
    attendance: str
    holder_type_id: int  # what the place is for (an activity, a shift, a course): its model
    activity: Activity | None = None


@dataclass(frozen=True)
class MyActivities:
    upcoming: list[MyClaim]
    past: list[MyClaim]


PAST_SHOWN = 20


# What "mijn activiteiten" shows of an activity (title and room name in every language).
MINE_ACTIVITY_FIELDS = (
    "title",
    "slug",
    "status",
    "starts_at",
    "ends_at",
    "location",
    "offering_id",
    "room__name",
)


def my_claims(*, user: Any) -> list[MyClaim]:
    """A person's sign-ups that still count (not cancelled, not lapsed), for any function: one
    small query of plain values. What they say of the person is all in these rows, so the page
    made from them is kept under their digest (ontmoeting.mine)."""
    rows = (
        PlaceClaim.objects.filter(user=user)
        .exclude(status__in=[PlaceClaim.Status.CANCELLED, PlaceClaim.Status.LAPSED])
        .order_by("pk")
        .values_list(
            "pk",
            "offering_id",
            "user_id",
            "status",
            "places",
            "attendance",
            "offering__holder_type_id",
        )
    )
    return [MyClaim(*row) for row in rows]


def my_activities(*, user: Any, claims: list[MyClaim] | None = None) -> MyActivities:
    """A person's sign-ups: all that are coming up, the last few before. The sign-ups first
    (`my_claims`, or the ones given), then the activities they are for, coming and past: one
    query each, however many years of sign-ups the person has (the past is limited in the
    database, not here)."""
    claims = my_claims(user=user) if claims is None else claims
    by_offering = {c.offering_id: c for c in claims}
    if not by_offering:
        return MyActivities(upcoming=[], past=[])
    now = timezone.now()
    # Only what the page shows: an activity's row holds its description in three languages, and
    # reading and decoding whole rows was most of this page's cost (issue #30).
    theirs = (
        Activity.objects.select_related("room")
        .only(*MINE_ACTIVITY_FIELDS)
        .filter(offering_id__in=list(by_offering))
    )
    coming = theirs.filter(ends_at__gt=now).order_by("starts_at", "pk")
    before = theirs.filter(ends_at__lte=now).order_by("-starts_at", "-pk")[:PAST_SHOWN]

    # One active sign-up per person and offering (a unique index): one claim per activity.
    def shown(activities) -> list[MyClaim]:
        return [replace(by_offering[a.offering_id], activity=a) for a in activities]

    return MyActivities(upcoming=shown(coming), past=shown(before))


# --- Staff ------------------------------------------------------------------------------------


def activities_to_manage(*, user: Any) -> QuerySet[Activity]:
    """Activities for the house's people who plan them, drafts too (everyone else: none)."""
    qs = Activity.objects.select_related("room", "offering", "series")
    return qs if is_house.test(user) else qs.none()


def claims_to_manage(*, user: Any) -> QuerySet[PlaceClaim]:
    """Sign-ups for activities, for the house's people at the desk. A course's enrolment is not
    among them (its claim id at these addresses is 404)."""
    qs = places_claims_of(holder_model=Activity)
    return qs if is_house.test(user) else qs.none()


def staff_activities(*, show_past: bool = False, after=None) -> tuple[list[Activity], bool]:
    now = timezone.now()
    qs = Activity.objects.select_related("room", "offering", "series")
    qs = qs.filter(ends_at__lte=now) if show_past else qs.filter(ends_at__gt=now)
    order = ("-starts_at", "-pk") if show_past else ("starts_at", "pk")
    if after is not None:
        at, pk = after
        if show_past:
            qs = qs.filter(Q(starts_at__lt=at) | Q(starts_at=at, pk__lt=pk))
        else:
            qs = qs.filter(Q(starts_at__gt=at) | Q(starts_at=at, pk__gt=pk))
    rows = list(qs.order_by(*order)[: PAGE_SIZE * 2 + 1])
    return rows[: PAGE_SIZE * 2], len(rows) > PAGE_SIZE * 2


def claims_of(*, activity: Activity) -> dict[str, list[PlaceClaim]]:
    """The sign-ups of an activity, grouped: with a place, offered, waiting (in order)."""
    groups: dict[str, list[PlaceClaim]] = {"confirmed": [], "offered": [], "waiting": []}
    if not activity.offering_id:
        return groups
    for claim in (
        PlaceClaim.objects.filter(offering_id=activity.offering_id, status__in=ACTIVE_STATUSES)
        .select_related("user")
        .order_by("rank", "id")
    ):
        groups[claim.status].append(claim)
    groups["confirmed"].sort(key=lambda c: c.name.lower())
    return groups


@dataclass(frozen=True)
class MonthFigures:
    month: int
    activities: int = 0
    cancelled: int = 0
    places_signed_up: int = 0
    attended: int = 0
    no_show: int = 0
    activity_walk_ins: int = 0
    walk_ins: int = 0


def overview(*, year: int) -> tuple[list[MonthFigures], MonthFigures]:
    """Figures per month of `year` and for the whole year, in a fixed number of queries."""
    tz = timezone.get_current_timezone()
    activities = Activity.objects.filter(starts_at__year=year).exclude(status=Activity.Status.DRAFT)
    per_month: dict[int, dict] = {m: {} for m in range(1, 13)}
    for row in (
        activities.annotate(month=ExtractMonth("starts_at", tzinfo=tz))
        .values("month")
        .annotate(
            held=Count("pk", filter=Q(status=Activity.Status.PUBLISHED)),
            cancelled=Count("pk", filter=Q(status=Activity.Status.CANCELLED)),
            walk=Sum("walk_in_count", filter=Q(status=Activity.Status.PUBLISHED)),
        )
    ):
        per_month[row["month"]].update(
            activities=row["held"], cancelled=row["cancelled"], activity_walk_ins=row["walk"] or 0
        )
    activity_offerings = activities.filter(status=Activity.Status.PUBLISHED).values("offering_id")
    for row in (
        PlaceClaim.objects.filter(
            offering_id__in=activity_offerings, status=PlaceClaim.Status.CONFIRMED
        )
        .annotate(
            month=ExtractMonth(
                Activity.objects.filter(offering_id=OuterRef("offering_id")).values("starts_at")[
                    :1
                ],
                tzinfo=tz,
            )
        )
        .values("month")
        .annotate(
            signed_up=Sum("places"),
            attended=Sum("places", filter=Q(attendance=PlaceClaim.Attendance.ATTENDED)),
            no_show=Sum("places", filter=Q(attendance=PlaceClaim.Attendance.NO_SHOW)),
        )
    ):
        per_month[row["month"]].update(
            places_signed_up=row["signed_up"] or 0,
            attended=row["attended"] or 0,
            no_show=row["no_show"] or 0,
        )
    for row in (
        WalkInTally.objects.filter(date__year=year)
        .annotate(month=ExtractMonth("date"))
        .values("month")
        .annotate(n=Sum("count"))
    ):
        per_month[row["month"]]["walk_ins"] = row["n"] or 0
    months = [MonthFigures(month=m, **values) for m, values in per_month.items()]
    total = MonthFigures(
        month=0,
        **{
            name: sum(getattr(m, name) for m in months)
            for name in MonthFigures.__dataclass_fields__
            if name != "month"
        },
    )
    return months, total


@dataclass(frozen=True)
class FeedbackSummary:
    good: int
    ok: int
    bad: int
    comments: list[str]

    @property
    def total(self) -> int:
        return self.good + self.ok + self.bad


def feedback_for(*, activity: Activity) -> FeedbackSummary:
    """The anonymous answers to 'how was it?' for one activity: two queries."""
    from .models import ActivityFeedback

    counts = dict(
        ActivityFeedback.objects.filter(activity=activity)
        .values_list("face")
        .annotate(n=Count("pk"))
        .values_list("face", "n")
    )
    comments = list(
        ActivityFeedback.objects.filter(activity=activity)
        .exclude(comment="")
        .order_by("?")  # no order that follows the order of answering
        .values_list("comment", flat=True)[:100]
    )
    faces = ActivityFeedback.Face
    return FeedbackSummary(
        good=counts.get(faces.GOOD, 0),
        ok=counts.get(faces.OK, 0),
        bad=counts.get(faces.BAD, 0),
        comments=comments,
    )


def series_activities(*, series_id: int) -> list[Activity]:
    """The public dates (published or cancelled, never drafts) of one weekly series, past ones
    too, soonest first: what the public agenda shows of the series, in one query."""
    return list(
        Activity.objects.select_related("room", "offering")
        .filter(
            series_id=series_id,
            status__in=[Activity.Status.PUBLISHED, Activity.Status.CANCELLED],
        )
        .order_by("starts_at", "pk")
    )


def activity_series_id(*, pk: int) -> int | None:
    """The weekly series an activity belongs to, or None (also for an unknown activity)."""
    return Activity.objects.filter(pk=pk).values_list("series_id", flat=True).first()
