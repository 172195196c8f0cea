"""The coordinator's planning: the week and month boards (gaps in words and colour), planning a
shift or a weekly shift, changing, moving and cancelling one."""

import calendar
import datetime as dt

from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from huis.core.errors import DomainError

from .. import caching, selectors, services, staffing
from ..forms import ReasonForm, SeriesForm, ShiftForm
from ..models import Shift
from .base import ObjectAccessMixin, PermissionRequiredMixin, ServicePostView, apply_service_error


def _day(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw and len(raw) == 10 else None
    except ValueError:
        return None


def _month_grid(first: dt.date, days: list) -> list[list]:
    """Whole weeks, Monday first, for a calendar grid (empty cells before and after)."""
    weeks, week = [], [None] * first.weekday()
    for board_day in days:
        week.append(board_day)
        if len(week) == 7:
            weeks.append(week)
            week = []
    if week:
        weeks.append(week + [None] * (7 - len(week)))
    return weeks


def _drawn_board(request, *, start: dt.date, days: int, month: bool) -> tuple[str, int, int]:
    """The board's days as HTML, with the volunteers still missing and the number of shifts.

    Kept under the versions of the shifts and their places (see ..caching): the next view after
    any change of a shift, a place on it or a volunteer's name draws it anew."""
    can_manage = request.user.has_perm("vrijwilligers.manage")

    def draw() -> tuple[str, int, int]:
        board = selectors.board(user=request.user, start=start, days=days)
        if month:
            html = render_to_string(
                "vrijwilligers/partials/board_month_weeks.html",
                {"weeks": _month_grid(start, board)},
            )
        else:
            html = render_to_string(
                "vrijwilligers/partials/board_week_days.html",
                {"days": board, "can_manage": can_manage},
            )
        return html, sum(d.missing for d in board), sum(len(d.shifts) for d in board)

    return caching.BOARD.get_or_set(
        "month" if month else "week",
        start.isoformat(),
        days,
        can_manage,
        get_language(),
        compute=draw,
    )


class BoardWeekView(PermissionRequiredMixin, TemplateView):
    permission_required = "vrijwilligers.view_board"
    template_name = "vrijwilligers/board_week.html"

    def get_context_data(self, **kwargs):
        day = _day(self.request.GET.get("van")) or timezone.localdate()
        monday = day - dt.timedelta(days=day.weekday())
        html, missing, _shifts = _drawn_board(self.request, start=monday, days=7, month=False)
        return super().get_context_data(
            board_html=mark_safe(html),
            monday=monday,
            previous=monday - dt.timedelta(days=7),
            next=monday + dt.timedelta(days=7),
            missing=missing,
            can_manage=self.request.user.has_perm("vrijwilligers.manage"),
            **kwargs,
        )


class BoardMonthView(PermissionRequiredMixin, TemplateView):
    permission_required = "vrijwilligers.view_board"
    template_name = "vrijwilligers/board_month.html"

    def get_context_data(self, **kwargs):
        raw = self.request.GET.get("maand") or ""
        first = _day(raw + "-01") if len(raw) == 7 else None
        first = first or timezone.localdate().replace(day=1)
        length = calendar.monthrange(first.year, first.month)[1]
        html, missing, shifts = _drawn_board(self.request, start=first, days=length, month=True)
        previous = (first - dt.timedelta(days=1)).replace(day=1)
        following = first + dt.timedelta(days=length)
        return super().get_context_data(
            board_html=mark_safe(html),
            first=first,
            previous=previous.strftime("%Y-%m"),
            next=following.strftime("%Y-%m"),
            missing=missing,
            shifts=shifts,
            can_manage=self.request.user.has_perm("vrijwilligers.manage"),
            **kwargs,
        )


class ShiftCreateView(PermissionRequiredMixin, FormView):
    permission_required = "vrijwilligers.manage"
    template_name = "vrijwilligers/shift_form.html"
    form_class = ShiftForm

    def get_initial(self):
        return {"needed": 2, "day": _day(self.request.GET.get("dag")) or timezone.localdate()}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "staffable": staffing.choices(user=self.request.user)}

    def form_valid(self, form):
        try:
            shift = services.shift_create(data=form.to_data(), actor=self.request.user)
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        return redirect(shift.get_absolute_url())


class ShiftAccessMixin(ObjectAccessMixin):
    view_perm = "vrijwilligers.manage"

    def get_object_queryset(self):
        return selectors.shifts_for(user=self.request.user)


class ShiftUpdateView(ShiftAccessMixin, FormView):
    template_name = "vrijwilligers/shift_form.html"
    form_class = ShiftForm

    def get_initial(self):
        return ShiftForm.initial_for(self.object)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "staffable": staffing.choices(user=self.request.user)}

    def form_valid(self, form):
        try:
            services.shift_update(shift=self.object, data=form.to_data(), actor=self.request.user)
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(shift=self.object, **kwargs)


class ShiftCancelView(ShiftAccessMixin, ServicePostView):
    form_class = ReasonForm
    success_message = _("The shift is cancelled. The volunteers on it are told.")

    def perform(self, data):
        services.shift_cancel(shift=self.object, actor=self.request.user, reason=data["reason"])

    def get_success_url(self):
        return self.object.get_absolute_url()


class SeriesCreateView(PermissionRequiredMixin, FormView):
    permission_required = "vrijwilligers.manage"
    template_name = "vrijwilligers/series_form.html"
    form_class = SeriesForm

    def form_valid(self, form):
        c = form.cleaned_data
        try:
            series = services.series_create(
                title=c["title"],
                kind=c["kind"],
                weekday=c["weekday"],
                start_time=c["start_time"],
                end_time=c["end_time"],
                needed=c["needed"],
                starts_on=c["starts_on"],
                until=c["until"],
                tasks=list(c.get("tasks") or []),
                place=c.get("place", ""),
                actor=self.request.user,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        first = Shift.objects.filter(series=series).order_by("starts_at").first()
        start = timezone.localtime(first.starts_at).date() if first else c["starts_on"]
        return redirect(f"{reverse('vrijwilligers:board_week')}?van={start.isoformat()}")
