"""Every read of vrijwilligers, for an acting user, with its joins (a fixed number of queries).

The boards show each shift with the volunteers on it and its gap in words; the figures count
volunteers, hours and filled and unfilled shifts per month (for the yearly report)."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from huis.places.models import HOLDING_STATUSES, PlaceClaim

from .models import Application, Shift, ShiftHours, SwapRequest, Volunteer


def volunteer_of(user: Any) -> Volunteer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Volunteer.objects.select_related("user").filter(user=user).first()


def _with_people(shifts: QuerySet[Shift]) -> QuerySet[Shift]:
    return shifts.select_related("offering").prefetch_related(
        Prefetch(
            "offering__claims",
            queryset=PlaceClaim.objects.filter(status__in=("confirmed", "offered", "waiting"))
            .select_related("user")
            .order_by("status", "rank", "id"),
            to_attr="active_claims",
        )
    )


@dataclass
class BoardShift:
    shift: Shift
    people: list[str]
    waiting: int
    filled: int

    @property
    def missing(self) -> int:
        return 0 if self.shift.is_cancelled else max(self.shift.needed - self.filled, 0)

    @property
    def state(self) -> str:
        """The colour class: cancelled, empty (nobody yet), gap (some missing), full."""
        if self.shift.is_cancelled:
            return "cancelled"
        if self.filled == 0:
            return "empty"
        return "gap" if self.missing else "full"

    @property
    def gap_words(self) -> str:
        if self.shift.is_cancelled:
            return _("Cancelled")
        if not self.missing:
            return _("Complete")
        return ngettext(
            "%(missing)s volunteer missing (%(filled)s of %(needed)s)",
            "%(missing)s volunteers missing (%(filled)s of %(needed)s)",
            self.missing,
        ) % {"missing": self.missing, "filled": self.filled, "needed": self.shift.needed}


def _board_shift(shift: Shift) -> BoardShift:
    claims = getattr(shift.offering, "active_claims", []) if shift.offering_id else []
    holding = [c for c in claims if c.status in HOLDING_STATUSES]
    return BoardShift(
        shift=shift,
        people=[c.user.display_name if c.user else c.name for c in holding],
        waiting=sum(1 for c in claims if c.status == "waiting"),
        filled=len(holding),
    )


@dataclass
class BoardDay:
    day: dt.date
    shifts: list[BoardShift] = field(default_factory=list)

    @property
    def missing(self) -> int:
        return sum(s.missing for s in self.shifts)


def _range(start: dt.date, days: int) -> tuple[dt.datetime, dt.datetime]:
    begin = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(start + dt.timedelta(days=days), dt.time.min))
    return begin, end


def board(*, user: Any, start: dt.date, days: int) -> list[BoardDay]:
    """Every day from `start`, with its shifts and who is on them; two queries."""
    begin, end = _range(start, days)
    shifts = _with_people(Shift.objects.filter(starts_at__gte=begin, starts_at__lt=end))
    by_day = {
        start + dt.timedelta(days=n): BoardDay(start + dt.timedelta(days=n)) for n in range(days)
    }
    for shift in shifts:
        day = timezone.localtime(shift.starts_at).date()
        if day in by_day:
            by_day[day].shifts.append(_board_shift(shift))
    return list(by_day.values())


def shift_people(*, shift: Shift) -> BoardShift:
    return _board_shift(_with_people(Shift.objects.filter(pk=shift.pk)).get())


def shifts_for(*, user: Any) -> QuerySet[Shift]:
    """The shifts the user may see: all of them for the house and for active volunteers."""
    return Shift.objects.select_related("offering")


def open_shifts(*, volunteer: Volunteer, limit: int = 60) -> list[BoardShift]:
    """Coming shifts that still need someone, the volunteer's tasks first."""
    now = timezone.now()
    shifts = _with_people(
        Shift.objects.filter(
            starts_at__gt=now,
            starts_at__lt=now + dt.timedelta(days=62),
            status=Shift.Status.PLANNED,
        ).exclude(
            offering__claims__user=volunteer.user, offering__claims__status__in=HOLDING_STATUSES
        )
    )[:limit]
    return [_board_shift(s) for s in shifts]


def my_claims(*, volunteer: Volunteer, upcoming: bool = True) -> list[PlaceClaim]:
    """The volunteer's places (and places on waiting lists) on shifts, with their shift."""
    now = timezone.now()
    claims = list(
        PlaceClaim.objects.filter(
            user_id=volunteer.user_id, status__in=("confirmed", "offered", "waiting")
        )
        .filter(offering__holder_type__app_label="vrijwilligers")
        .select_related("offering")
        .order_by("pk")
    )
    shifts = {
        s.offering_id: s
        for s in Shift.objects.filter(offering_id__in=[c.offering_id for c in claims]).filter(
            Q(starts_at__gt=now) if upcoming else Q()
        )
    }
    for claim in claims:
        claim.shift = shifts.get(claim.offering_id)
    return sorted((c for c in claims if c.shift), key=lambda c: c.shift.starts_at)


def open_swaps(*, volunteer: Volunteer) -> list[SwapRequest]:
    return list(
        SwapRequest.objects.filter(
            status=SwapRequest.Status.OPEN, shift__starts_at__gt=timezone.now()
        )
        .exclude(volunteer=volunteer)
        .select_related("shift", "volunteer__user")
        .order_by("shift__starts_at")[:30]
    )


def my_swaps(*, volunteer: Volunteer) -> dict[int, SwapRequest]:
    return {
        s.shift_id: s
        for s in SwapRequest.objects.filter(volunteer=volunteer, status=SwapRequest.Status.OPEN)
    }


@dataclass
class YearSummary:
    year: int
    shifts: int
    hours: Decimal
    allowance: Decimal
    entries: list[ShiftHours]


def volunteer_year(*, volunteer: Volunteer, year: int) -> YearSummary:
    entries = list(
        ShiftHours.objects.filter(volunteer=volunteer, day__year=year)
        .select_related("shift")
        .order_by("day", "id")
    )
    confirmed = [e for e in entries if e.status == ShiftHours.Status.CONFIRMED]
    return YearSummary(
        year=year,
        shifts=len(confirmed),
        hours=sum((e.hours for e in confirmed), Decimal("0")),
        allowance=sum((e.total for e in confirmed), Decimal("0")),
        entries=entries,
    )


def volunteers_for(*, user: Any, active: bool | None = True) -> QuerySet[Volunteer]:
    rows = Volunteer.objects.select_related("user").order_by("user__display_name", "id")
    if active is not None:
        rows = rows.filter(is_active=active)
    return rows


def applications_for(*, user: Any) -> QuerySet[Application]:
    return Application.objects.all()


def hours_waiting(*, user: Any) -> list[ShiftHours]:
    return list(
        ShiftHours.objects.filter(status=ShiftHours.Status.REPORTED)
        .select_related("volunteer__user", "shift")
        .order_by("day", "id")[:200]
    )


def hours_for(*, user: Any) -> QuerySet[ShiftHours]:
    return ShiftHours.objects.select_related("volunteer__user", "shift")


@dataclass
class MonthFigures:
    month: int
    volunteers: int = 0
    hours: Decimal = Decimal("0")
    shifts_filled: int = 0
    shifts_unfilled: int = 0


def house_figures(*, year: int) -> list[MonthFigures]:
    """Per month: volunteers who worked, confirmed hours, shifts filled and not (not cancelled)."""
    months = {m: MonthFigures(month=m) for m in range(1, 13)}
    worked = (
        ShiftHours.objects.filter(day__year=year, status=ShiftHours.Status.CONFIRMED)
        .annotate(m=ExtractMonth("day"))
        .values("m")
        .annotate(people=Count("volunteer", distinct=True), hours=Sum("hours"))
    )
    for row in worked:
        months[row["m"]].volunteers = row["people"]
        months[row["m"]].hours = row["hours"] or Decimal("0")
    shifts = (
        Shift.objects.filter(starts_at__year=year, status=Shift.Status.PLANNED)
        .annotate(m=ExtractMonth("starts_at"))
        .values("m")
        .annotate(
            filled=Count("pk", filter=Q(offering__taken__gte=F("needed"))),
            total=Count("pk"),
        )
    )
    for row in shifts:
        months[row["m"]].shifts_filled = row["filled"]
        months[row["m"]].shifts_unfilled = row["total"] - row["filled"]
    return list(months.values())
