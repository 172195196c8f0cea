"""Hours, travel and costs after an assignment, and the legal volunteer allowance.

The flat-rate allowance has a daily and a yearly cap per calendar year (figures in
AllowanceRate). A higher yearly cap applies to the kinds of work the law names
(WorkKind.higher_cap), but never to a volunteer who receives a social benefit; while the higher
figure is unknown (empty) the normal cap is used, and the quote says so. The km rate is the one of
the assignment's day (KmRate, one row per quarter); when that is unknown, travel cannot be
approved yet. Caps count across organisations, so the year's total includes what the expert
received elsewhere (AllowanceYear). Crossing a cap makes the whole year's allowance taxable pay,
so the portal never pays above one: it lowers the amount, says so, and asks the coordinator to
confirm. Travel by car is refunded for at most `km_yearly_max` km a year. An expert is paid either
the flat rate or real costs in a year, never both. All arithmetic is Decimal, rounded to cents.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.core.allowance import (
    ZERO,
    Figures,
    PersonTotals,
    money,
    person_queryset,
    person_totals,
    within_caps,
)
from huis.core.locking import lock
from huis.core.templatetags.house_dates import house_date

from .. import notify
from ..models import AllowanceRate, AllowanceYear, Assignment, Expert, KmRate, ReportEvent
from ..models.request import AssignmentStatus, ReportStatus
from .errors import ExpertsError, NeedsConfirmation

# The name of the experts' part of the house's one allowance register (huis.core.allowance).
ALLOWANCE_SOURCE = "ervaringsdeskundigen"


@dataclass
class AllowanceQuote:
    year: int
    day: Any
    mode: str
    daily_cap: Decimal
    yearly_cap: Decimal
    paid_today: Decimal
    paid_this_year: Decimal  # at the house, before this assignment
    received_elsewhere: Decimal
    km_rate: Decimal | None = None
    higher_cap: bool = False
    higher_cap_unknown: bool = False
    flat_amount: Decimal = ZERO
    km_paid: int = 0
    km_amount: Decimal = ZERO
    costs_amount: Decimal = ZERO
    capped: bool = False
    warnings: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return self.flat_amount + self.km_amount + self.costs_amount

    @property
    def year_total_after(self) -> Decimal:
        return self.paid_this_year + self.received_elsewhere + self.flat_amount

    @property
    def left_after(self) -> Decimal:
        return max(self.yearly_cap - self.year_total_after, ZERO)


def rate_for(year: int) -> AllowanceRate:
    rate = AllowanceRate.objects.filter(year=year).first()
    if rate is None:
        raise ExpertsError(
            _("There are no allowance rates for %(year)s yet. An administrator adds them.")
            % {"year": year}
        )
    return rate


def higher_cap_applies(*, expert: Expert, work_kind) -> bool:
    """The law allows the higher yearly cap for a few kinds of work, and not to volunteers who
    receive a social security or social assistance benefit."""
    return bool(work_kind.higher_cap) and not expert.receives_benefit


def km_rate_for(day) -> Decimal | None:
    rate = KmRate.for_day(day)
    return rate.rate if rate else None


def year_for(expert: Expert, year: int) -> AllowanceYear:
    return AllowanceYear.objects.filter(expert=expert, year=year).first() or AllowanceYear(
        expert=expert, year=year
    )


def _approved(expert: Expert, year: int, *, exclude: int | None = None) -> models.QuerySet:
    rows = Assignment.objects.filter(
        expert=expert, report_status=ReportStatus.APPROVED, starts_at__year=year
    )
    return rows.exclude(pk=exclude) if exclude else rows


def allowance_quote(*, assignment: Assignment) -> AllowanceQuote:
    """What approving this report would pay, within the caps, with warnings in words.

    The person's totals come from the house's one register (huis.core.allowance): what they were
    paid as an expert and in any other role (a volunteer's confirmed shifts) counts together."""
    day = timezone.localtime(assignment.starts_at).date()
    rate = rate_for(day.year)
    expert = assignment.expert
    expert_year = year_for(expert, day.year)
    totals = person_totals(
        user_id=expert.user_id, day=day, exclude=(ALLOWANCE_SOURCE, assignment.pk)
    )
    paid_today = totals.flat_day
    higher = higher_cap_applies(expert=expert, work_kind=assignment.request.work_kind)
    quote = AllowanceQuote(
        year=day.year,
        day=day,
        mode=expert_year.mode,
        daily_cap=rate.daily_cap,
        yearly_cap=rate.yearly_cap_for(higher=higher),
        paid_today=paid_today,
        paid_this_year=totals.flat_year,
        received_elsewhere=totals.elsewhere_flat,
        km_rate=km_rate_for(day),
        higher_cap=higher and rate.higher_yearly_cap is not None,
        higher_cap_unknown=higher and rate.higher_yearly_cap is None,
    )
    km = assignment.km or 0
    costs = assignment.costs or ZERO
    if km and quote.km_rate is None:
        raise ExpertsError(
            _(
                "The km rate for %(day)s is not known yet (it changes every quarter). "
                "An administrator adds it; then this report can be approved."
            )
            % {"day": house_date(day)}
        )
    if quote.higher_cap_unknown:
        quote.warnings.append(
            _(
                "This kind of work allows a higher yearly cap, but its amount for %(year)s is "
                "not known. The normal cap of EUR %(cap)s is used."
            )
            % {"year": day.year, "cap": rate.yearly_cap}
        )
    if expert_year.mode == AllowanceYear.Mode.REAL:
        quote.costs_amount = money(costs)
        quote.km_paid = km
        quote.km_amount = money(km * (quote.km_rate or ZERO))
        return quote

    if costs > 0:
        quote.warnings.append(
            _(
                "This expert gets the flat rate in %(year)s: the real costs (EUR %(costs)s) "
                "cannot be refunded as well."
            )
            % {"year": day.year, "costs": costs}
        )
    caps = within_caps(
        wanted=rate.daily_cap,
        km=km,
        daily_cap=rate.daily_cap,
        yearly_cap=quote.yearly_cap,
        km_yearly_max=rate.km_yearly_max,
        totals=totals,
    )
    room_day, room_year = caps.room_day, caps.room_year
    quote.flat_amount = caps.flat_amount
    if quote.flat_amount < rate.daily_cap:
        quote.capped = True
        if room_day < rate.daily_cap:
            quote.warnings.append(
                _("Already EUR %(paid)s paid for this day: the daily cap allows EUR %(left)s more.")
                % {"paid": paid_today, "left": money(room_day)}
            )
        if room_year < rate.daily_cap:
            quote.warnings.append(
                _(
                    "The yearly cap of EUR %(cap)s is almost reached: only EUR %(left)s is left. "
                    "Paying more would make the whole year's allowance taxable."
                )
                % {"cap": quote.yearly_cap, "left": money(room_year)}
            )
    elif quote.left_after < rate.daily_cap:
        quote.warnings.append(
            _("After this, only EUR %(left)s is left under the yearly cap of EUR %(cap)s.")
            % {"left": quote.left_after, "cap": quote.yearly_cap}
        )
    quote.km_paid = caps.km_paid
    quote.km_amount = money(quote.km_paid * (quote.km_rate or ZERO))
    if quote.km_paid < km:
        quote.capped = True
        quote.warnings.append(
            _("Only %(paid)s of %(km)s km can be refunded: at most %(max)s km a year.")
            % {"paid": quote.km_paid, "km": km, "max": rate.km_yearly_max}
        )
    return quote


@transaction.atomic
def assignment_report(
    *,
    assignment: Assignment,
    actor: Any,
    hours: Decimal,
    km: int,
    costs: Decimal,
    debrief: str = "",
) -> Assignment:
    """The expert reports hours, travel and costs (and a debrief note) after the assignment, or
    sends a report that was sent back again, corrected. Each time is a step in its history."""
    assignment = lock(
        Assignment.objects.select_related("expert__user"), assignment.pk, of=("self",)
    )
    if assignment.status != AssignmentStatus.ACCEPTED:
        raise ExpertsError(_("Only an accepted assignment can be reported."))
    if assignment.starts_at > timezone.now():
        raise ExpertsError(_("You can report after the assignment has started."))
    if assignment.report_status == ReportStatus.APPROVED:
        raise ExpertsError(_("This report is already approved. Ask a coordinator to change it."))
    if hours <= 0 or hours > 24 or km < 0 or costs < 0:
        raise ExpertsError(_("Check the hours, km and costs."))
    assignment.hours = hours
    assignment.km = km
    assignment.costs = money(costs)
    assignment.debrief = debrief
    assignment.report_status = ReportStatus.REPORTED
    assignment.reported_at = timezone.now()
    assignment.save(
        update_fields=["hours", "km", "costs", "debrief", "report_status", "reported_at"]
    )
    _report_step(assignment, ReportEvent.Step.REPORTED, actor=actor)
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.assignment.reported",
        obj=assignment,
        subject=assignment.expert.user,
    )
    return assignment


def _report_step(assignment: Assignment, step: str, *, actor: Any, note: str = "") -> ReportEvent:
    return ReportEvent.objects.create(
        assignment=assignment,
        step=step,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
        hours=assignment.hours,
        km=assignment.km,
        costs=assignment.costs,
    )


@transaction.atomic
def assignment_return_report(*, assignment: Assignment, actor: Any, reason: str) -> Assignment:
    """A coordinator sends a report back to the expert with what to correct. Only a report that
    waits for approval can be sent back; the expert corrects it and sends it again."""
    reason = (reason or "").strip()
    if not reason:
        raise ExpertsError(_("Say what the expert should correct."))
    if len(reason) > 500:
        raise ExpertsError(_("Keep the reason under 500 characters."))
    assignment = lock(
        Assignment.objects.select_related("expert__user", "request__work_kind"),
        assignment.pk,
        of=("self",),
    )
    if assignment.report_status != ReportStatus.REPORTED or assignment.expert is None:
        raise ExpertsError(_("Only a report that waits for approval can be sent back."))
    assignment.report_status = ReportStatus.RETURNED
    assignment.return_reason = reason
    assignment.save(update_fields=["report_status", "return_reason"])
    event = _report_step(assignment, ReportEvent.Step.RETURNED, actor=actor, note=reason)
    notify.report_returned(assignment, reason, event.pk)
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.assignment.report_returned",
        obj=assignment,
        subject=assignment.expert.user,
    )
    return assignment


@transaction.atomic
def assignment_approve(*, assignment: Assignment, actor: Any, confirm: bool = False) -> Assignment:
    """A coordinator approves the report; the allowance is what `allowance_quote` says.

    The expert's row is locked, so two approvals for the same expert at the same moment are
    counted one after the other and together never cross a cap.
    """
    # The person's row first: approvals for one person (as an expert, or in another role such
    # as a volunteer) happen one after the other. (The concurrency test's control run replaces
    # `lock` to show the lock is what keeps the caps.)
    lock(
        person_queryset(),
        Expert.objects.values_list("user_id", flat=True).get(pk=assignment.expert_id),
    )
    assignment = lock(
        Assignment.objects.select_related("expert__user", "request__work_kind"),
        assignment.pk,
        of=("self",),
    )
    if assignment.report_status != ReportStatus.REPORTED:
        raise ExpertsError(_("There is no report waiting for approval."))
    quote = allowance_quote(assignment=assignment)
    if (quote.capped or quote.warnings) and not confirm:
        raise NeedsConfirmation(" ".join(quote.warnings))
    AllowanceYear.objects.get_or_create(
        expert=assignment.expert, year=quote.year, defaults={"mode": quote.mode}
    )
    assignment.flat_amount = quote.flat_amount
    assignment.km_paid = quote.km_paid
    assignment.km_amount = quote.km_amount
    assignment.costs_amount = quote.costs_amount
    assignment.capped = quote.capped
    assignment.report_status = ReportStatus.APPROVED
    assignment.approved_by = actor
    assignment.approved_at = timezone.now()
    assignment.return_reason = ""
    assignment.save()
    _report_step(assignment, ReportEvent.Step.APPROVED, actor=actor)
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.assignment.approved",
        obj=assignment,
        subject=assignment.expert.user,
        data={"total": str(quote.total), "capped": quote.capped},
    )
    return assignment


@transaction.atomic
def allowance_year_update(
    *,
    expert: Expert,
    year: int,
    actor: Any,
    received_elsewhere: Decimal | None = None,
    km_elsewhere: int | None = None,
    mode: str | None = None,
) -> AllowanceYear:
    """The expert declares what they received elsewhere; a coordinator sets the way of paying,
    which cannot change once something was paid that year (no mixing)."""
    lock(Expert.objects.all(), expert.pk)
    expert_year, _created = AllowanceYear.objects.get_or_create(expert=expert, year=year)
    if received_elsewhere is not None:
        if received_elsewhere < 0:
            raise ExpertsError(_("An amount cannot be negative."))
        expert_year.received_elsewhere = money(received_elsewhere)
    if km_elsewhere is not None:
        expert_year.km_elsewhere = km_elsewhere
    if mode is not None and mode != expert_year.mode:
        if _approved(expert, year).exists():
            raise ExpertsError(
                _(
                    "Something was already paid in %(year)s. The flat rate and real costs "
                    "are never mixed in one year."
                )
                % {"year": year}
            )
        expert_year.mode = mode
    expert_year.save()
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.allowance_year.updated",
        obj=expert_year,
        subject=expert.user,
    )
    return expert_year


def register_totals(*, user_id: int, day, exclude: int | None = None) -> PersonTotals:
    """The experts' part of the house's allowance register: what the person was paid as an
    expert on the day and in its year, and what they declared as received elsewhere."""
    rows = Assignment.objects.filter(
        expert__user_id=user_id, report_status=ReportStatus.APPROVED, starts_at__year=day.year
    )
    if exclude:
        rows = rows.exclude(pk=exclude)
    sums = rows.aggregate(
        flat=models.Sum("flat_amount"),
        km=models.Sum("km_paid"),
        today=models.Sum("flat_amount", filter=models.Q(starts_at__date=day)),
    )
    elsewhere = AllowanceYear.objects.filter(expert__user_id=user_id, year=day.year).first()
    return PersonTotals(
        flat_day=sums["today"] or ZERO,
        flat_year=sums["flat"] or ZERO,
        km_year=sums["km"] or 0,
        elsewhere_flat=elsewhere.received_elsewhere if elsewhere else ZERO,
        elsewhere_km=elsewhere.km_elsewhere if elsewhere else 0,
    )


def legal_figures(day) -> Figures | None:
    """The legal figures kept here (AllowanceRate, KmRate), for the house's one register."""
    rate = AllowanceRate.objects.filter(year=day.year).first()
    if rate is None:
        return None
    return Figures(
        year=day.year,
        daily_cap=rate.daily_cap,
        yearly_cap=rate.yearly_cap,
        higher_yearly_cap=rate.higher_yearly_cap,
        km_yearly_max=rate.km_yearly_max,
        km_rate=km_rate_for(day),
    )
