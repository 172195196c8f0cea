"""Hours worked on a shift and the volunteer allowance they bring.

The allowance uses the house's one register (huis.core.allowance): the same legal figures and
caps as the experts by experience, and the person's total across every role. Crossing a cap is
never paid: the amount is lowered, the quote says so in words, and the coordinator must confirm,
exactly as for an expert's report. Approvals for one person lock that person's row first, so two
at the same moment (as a volunteer and as an expert) are counted one after the other."""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.core.allowance import (
    ZERO,
    PersonTotals,
    figures_for,
    money,
    person_queryset,
    person_totals,
    within_caps,
)
from huis.core.locking import lock
from huis.core.templatetags.house_dates import house_date
from huis.places.models import PlaceClaim

from ..models import Shift, ShiftHours, Volunteer
from .errors import NeedsConfirmation, VolunteersError
from .shifts import claim_of

ALLOWANCE_SOURCE = "vrijwilligers"


@dataclass
class HoursQuote:
    flat_amount: Decimal = ZERO
    km_paid: int = 0
    km_amount: Decimal = ZERO
    capped: bool = False
    left_after: Decimal = ZERO
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.flat_amount + self.km_amount


@transaction.atomic
def hours_report(
    *, shift: Shift, volunteer: Volunteer, hours: Decimal, km: int, actor: Any
) -> ShiftHours:
    """The volunteer (or a coordinator for them) writes down the hours after the shift."""
    if shift.starts_at > timezone.now():
        raise VolunteersError(_("You can write down hours once the shift has started."))
    if shift.is_cancelled:
        raise VolunteersError(_("This shift is cancelled."))
    if hours <= 0 or hours > 24:
        raise VolunteersError(_("Between a few minutes and 24 hours."), field="hours")
    if km < 0 or km > 2000:
        raise VolunteersError(_("Check the km."), field="km")
    claim = claim_of(shift, volunteer)
    if claim is None or claim.status != PlaceClaim.Status.CONFIRMED:
        raise VolunteersError(_("This volunteer was not on this shift."))
    entry = ShiftHours.objects.filter(shift=shift, volunteer=volunteer).first()
    if entry and entry.status == ShiftHours.Status.CONFIRMED:
        raise VolunteersError(_("These hours are confirmed already."))
    entry = entry or ShiftHours(shift=shift, volunteer=volunteer)
    entry.day = timezone.localtime(shift.starts_at).date()
    entry.hours = hours
    entry.km = km
    entry.save()
    log_action(
        actor=actor, action="vrijwilligers.hours.reported", obj=entry, subject=volunteer.user
    )
    return entry


def hours_quote(*, entry: ShiftHours) -> HoursQuote:
    """What confirming these hours pays within the caps, with the warnings in words."""
    quote = HoursQuote()
    volunteer = entry.volunteer
    if not volunteer.gets_allowance:
        return quote
    figures = figures_for(entry.day)
    if figures is None:
        raise VolunteersError(
            _("There are no allowance rates for %(year)s yet. An administrator adds them.")
            % {"year": entry.day.year}
        )
    if entry.km and figures.km_rate is None:
        raise VolunteersError(
            _("The km rate for %(day)s is not known yet. An administrator adds it.")
            % {"day": house_date(entry.day)}
        )
    totals = person_totals(
        user_id=volunteer.user_id, day=entry.day, exclude=(ALLOWANCE_SOURCE, entry.pk)
    )
    caps = within_caps(
        wanted=figures.daily_cap,
        km=entry.km,
        daily_cap=figures.daily_cap,
        yearly_cap=figures.yearly_cap,
        km_yearly_max=figures.km_yearly_max,
        totals=totals,
    )
    quote.flat_amount = caps.flat_amount
    quote.km_paid = caps.km_paid
    quote.km_amount = money(caps.km_paid * (figures.km_rate or ZERO))
    quote.left_after = max(figures.yearly_cap - totals.year_used - quote.flat_amount, ZERO)
    if caps.room_day < figures.daily_cap:
        quote.capped = True
        quote.warnings.append(
            _("Already EUR %(paid)s paid for this day: the daily cap allows EUR %(left)s more.")
            % {"paid": totals.flat_day, "left": caps.room_day}
        )
    if caps.room_year < figures.daily_cap:
        quote.capped = True
        quote.warnings.append(
            _(
                "The yearly cap of EUR %(cap)s is almost reached: only EUR %(left)s is left. "
                "Paying more would make the whole year's allowance taxable."
            )
            % {"cap": figures.yearly_cap, "left": caps.room_year}
        )
    if caps.km_paid < entry.km:
        quote.capped = True
        quote.warnings.append(
            _("Only %(paid)s of %(km)s km can be refunded: at most %(max)s km a year.")
            % {"paid": caps.km_paid, "km": entry.km, "max": figures.km_yearly_max}
        )
    return quote


@transaction.atomic
def hours_confirm(*, entry: ShiftHours, actor: Any, confirm: bool = False) -> ShiftHours:
    # The person's row first (the same lock the experts' approval takes): one total per person.
    lock(person_queryset(), entry.volunteer.user_id)
    entry = lock(
        ShiftHours.objects.select_related("volunteer__user", "shift"), entry.pk, of=("self",)
    )
    if entry.status == ShiftHours.Status.CONFIRMED:
        raise VolunteersError(_("These hours are confirmed already."))
    quote = hours_quote(entry=entry)
    if quote.capped and not confirm:
        raise NeedsConfirmation(" ".join(quote.warnings))
    entry.flat_amount = quote.flat_amount
    entry.km_paid = quote.km_paid
    entry.km_amount = quote.km_amount
    entry.capped = quote.capped
    entry.status = ShiftHours.Status.CONFIRMED
    entry.confirmed_by = actor
    entry.confirmed_at = timezone.now()
    entry.save()
    log_action(
        actor=actor,
        action="vrijwilligers.hours.confirmed",
        obj=entry,
        subject=entry.volunteer.user,
        data={"total": str(quote.total), "capped": quote.capped},
    )
    return entry


def register_totals(*, user_id: int, day, exclude: int | None = None) -> PersonTotals:
    """The volunteers' part of the house's allowance register: confirmed hours' allowances."""
    rows = ShiftHours.objects.filter(
        volunteer__user_id=user_id, status=ShiftHours.Status.CONFIRMED, day__year=day.year
    )
    if exclude:
        rows = rows.exclude(pk=exclude)
    sums = rows.aggregate(
        flat=models.Sum("flat_amount"),
        km=models.Sum("km_paid"),
        today=models.Sum("flat_amount", filter=models.Q(day=day)),
    )
    return PersonTotals(
        flat_day=sums["today"] or ZERO, flat_year=sums["flat"] or ZERO, km_year=sums["km"] or 0
    )
