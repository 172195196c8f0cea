"""A volunteer's own pages: my shifts (and open ones), a shift, signing up, giving back,
swapping, hours; my hours and shifts per year."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from huis.accounts.access import fetch_for
from huis.core.service_views import int_or_none

from .. import selectors, services, staffing
from ..forms import HoursForm, NoteForm
from ..models import Shift, ShiftHours, SwapRequest
from .base import PermissionRequiredMixin, ServicePostView, VolunteerMixin
from .public import feed_url


class MineView(VolunteerMixin, TemplateView):
    template_name = "vrijwilligers/mine.html"

    def get_context_data(self, **kwargs):
        volunteer = self.volunteer
        return super().get_context_data(
            volunteer=volunteer,
            claims=selectors.my_claims(volunteer=volunteer),
            my_swaps=selectors.my_swaps(volunteer=volunteer),
            open_shifts=selectors.open_shifts(volunteer=volunteer),
            open_swaps=selectors.open_swaps(volunteer=volunteer),
            feed_url=feed_url(self.request, volunteer),
            **kwargs,
        )


class MyHoursView(VolunteerMixin, TemplateView):
    template_name = "vrijwilligers/my_hours.html"

    def get_context_data(self, **kwargs):
        this_year = timezone.localdate().year
        year = int_or_none(self.request.GET.get("jaar")) or this_year
        if not 2000 <= year <= this_year + 1:
            year = this_year
        return super().get_context_data(
            summary=selectors.volunteer_year(volunteer=self.volunteer, year=year),
            years=list(range(this_year, this_year - 4, -1)),
            **kwargs,
        )


class FeedRenewView(VolunteerMixin, ServicePostView):
    success_message = _("Your calendar has a new address. Use the new one in your calendar app.")

    def perform(self, data):
        services.volunteer_renew_feed(volunteer=self.volunteer, actor=self.request.user)

    def get_success_url(self):
        return reverse("vrijwilligers:mine")


class ShiftDetailView(PermissionRequiredMixin, TemplateView):
    """A shift with who is on it; a volunteer sees their buttons, the house sees the gaps."""

    permission_required = "vrijwilligers.view_shift"
    template_name = "vrijwilligers/shift_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        shift = fetch_for(
            user,
            selectors.shifts_for(user=user),
            view_perm=self.permission_required,
            pk=kwargs["pk"],
        )
        volunteer = selectors.volunteer_of(user)
        claim = services.claim_of(shift, volunteer) if volunteer else None
        entry = (
            ShiftHours.objects.filter(shift=shift, volunteer=volunteer).first()
            if volunteer
            else None
        )
        return super().get_context_data(
            shift=shift,
            board=selectors.shift_people(shift=shift),
            volunteer=volunteer,
            claim=claim,
            refusal=services.sign_up_refusal(shift, volunteer) if volunteer else None,
            started=shift.starts_at <= timezone.now(),
            entry=entry,
            hours_form=HoursForm(initial={"hours": shift.hours, "km": 0}),
            swap=SwapRequest.objects.filter(
                shift=shift, volunteer=volunteer, status=SwapRequest.Status.OPEN
            ).first()
            if volunteer
            else None,
            can_manage=user.has_perm("vrijwilligers.manage"),
            staffs=staffing.staffed_object(shift),
            **kwargs,
        )


class ShiftActionMixin(VolunteerMixin):
    """A volunteer's POST on a shift: the shift is fetched after the role check."""

    @property
    def shift(self) -> Shift:
        if not hasattr(self, "_shift"):
            self._shift = get_object_or_404(
                Shift.objects.select_related("offering"), pk=self.kwargs["pk"]
            )
        return self._shift

    def get_success_url(self):
        return reverse("vrijwilligers:shift_detail", args=[self.kwargs["pk"]])


class ShiftSignUpView(ShiftActionMixin, ServicePostView):
    def perform(self, data):
        claim = services.shift_sign_up(
            shift=self.shift, volunteer=self.volunteer, actor=self.request.user
        )
        self.success_message = (
            _("You are on this shift. You get a reminder the day before.")
            if claim.status == "confirmed"
            else _(
                "This shift is full. You are on the waiting list. "
                "We tell you when a place frees up."
            )
        )


class ShiftGiveBackView(ShiftActionMixin, ServicePostView):
    success_message = _("You gave this shift back. Thank you for letting us know.")

    def perform(self, data):
        services.shift_give_back(
            shift=self.shift, volunteer=self.volunteer, actor=self.request.user
        )


class SwapAskView(ShiftActionMixin, ServicePostView):
    form_class = NoteForm

    def perform(self, data):
        swap = services.swap_ask(
            shift=self.shift,
            volunteer=self.volunteer,
            actor=self.request.user,
            note=data.get("note", ""),
        )
        self.success_message = (
            _("We asked the other volunteers. You keep the shift until someone takes it over.")
            if swap
            else _("Someone was waiting for this shift: they get your place. Thank you.")
        )


class SwapTakeView(VolunteerMixin, ServicePostView):
    success_message = _("You took over the shift. Thank you!")

    def perform(self, data):
        swap = get_object_or_404(SwapRequest, pk=self.kwargs["pk"])
        self.shift_pk = swap.shift_id
        services.swap_take(swap=swap, volunteer=self.volunteer, actor=self.request.user)

    def get_success_url(self):
        return reverse("vrijwilligers:shift_detail", args=[self.shift_pk])

    def get_back_url(self):
        return reverse("vrijwilligers:mine")


class SwapWithdrawView(VolunteerMixin, ServicePostView):
    success_message = _("You keep the shift; the request is withdrawn.")

    def perform(self, data):
        swap = get_object_or_404(SwapRequest, pk=self.kwargs["pk"], volunteer=self.volunteer)
        self.shift_pk = swap.shift_id
        services.swap_withdraw(swap=swap, actor=self.request.user)

    def get_success_url(self):
        return reverse("vrijwilligers:shift_detail", args=[self.shift_pk])

    def get_back_url(self):
        return reverse("vrijwilligers:mine")


class HoursReportView(ShiftActionMixin, ServicePostView):
    form_class = HoursForm
    success_message = _("Your hours are written down. A coordinator confirms them.")

    def perform(self, data):
        services.hours_report(
            shift=self.shift,
            volunteer=self.volunteer,
            hours=data["hours"],
            km=data.get("km") or 0,
            actor=self.request.user,
        )
