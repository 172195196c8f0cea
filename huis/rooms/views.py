"""The room calendar (for everyone, with details for those who may see them), partners' own
bookings, and the staff pages of requests and rules."""

import datetime as dt

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core.errors import DomainError
from huis.core.service_views import ServicePostView, apply_service_error

from . import partner_services, selectors
from .forms import PartnerBookingForm, RefuseForm, RoomRulesForm
from .models import Room

VIEWS = {"dag": 1, "week": 7}


def _day_from(raw: str | None) -> dt.date:
    """The day asked for in the address (?dag=2026-12-07); today for anything else."""
    try:
        day = dt.date.fromisoformat(raw or "")
    except ValueError:
        return timezone.localdate()
    return day if dt.date(2000, 1, 1) <= day <= dt.date(2100, 1, 1) else timezone.localdate()


class CalendarView(View):
    """Day or week view of every room. Plain HTML: a table that scrolls in its own region."""

    def get(self, request):
        mode = request.GET.get("weergave", "week")
        if mode not in VIEWS:
            mode = "week"
        day = _day_from(request.GET.get("dag"))
        first_day = day - dt.timedelta(days=day.weekday()) if mode == "week" else day
        step = dt.timedelta(days=VIEWS[mode])
        calendar = selectors.calendar_for(user=request.user, first_day=first_day, days=VIEWS[mode])
        return render(
            request,
            "rooms/calendar.html",
            {
                "calendar": calendar,
                "mode": mode,
                "day": day,
                "previous": (first_day - step).isoformat(),
                "next": (first_day + step).isoformat(),
                "today": timezone.localdate().isoformat(),
                "may_book": request.user.has_perm("rooms.book_room"),
            },
        )


class BookView(PermissionRequiredMixin, View):
    permission_required = "rooms.book_room"
    template_name = "rooms/book.html"

    def _render(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "rooms": list(selectors.bookable_rooms())},
            status=status,
        )

    def get(self, request):
        initial = {}
        room = request.GET.get("zaal")
        if room and room.isdigit():
            initial["room"] = int(room)
        return self._render(PartnerBookingForm(user=request.user, initial=initial))

    def post(self, request):
        if not selectors.bookable_rooms().exists():
            # The page shows no form then: an error summary would link to fields that are not there.
            return self._render(PartnerBookingForm(user=request.user), status=400)
        form = PartnerBookingForm(request.POST, user=request.user)
        if not form.is_valid():
            return self._render(form, status=400)
        starts_at, ends_at = form.moments()
        data = form.cleaned_data
        try:
            booking = partner_services.partner_booking_request(
                actor=request.user,
                organisation=data["organisation"],
                room=data["room"],
                starts_at=starts_at,
                ends_at=ends_at,
                purpose=data["purpose"],
                request=request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self._render(form, status=getattr(error, "status", 400))
        if booking.status == booking.Status.PENDING:
            messages.success(
                request, _("Your request is sent. The house will approve or refuse it soon.")
            )
        else:
            messages.success(request, _("The room is booked for you."))
        return redirect("rooms:mine")


class MineView(PermissionRequiredMixin, View):
    permission_required = "rooms.book_room"

    def get(self, request):
        return render(
            request, "rooms/mine.html", {"bookings": selectors.own_bookings(user=request.user)}
        )


class PartnerBookingMixin(ObjectAccessMixin):
    view_perm = "rooms.view_partner_booking"

    def get_object_queryset(self):
        return selectors.partner_bookings_for(user=self.request.user)


class CancelView(PartnerBookingMixin, ServicePostView):
    success_message = gettext_lazy("The booking is cancelled. The room is free again.")

    def perform(self, data):
        partner_services.partner_booking_cancel(
            booking=self.object, actor=self.request.user, request=self.request
        )

    def get_success_url(self) -> str:
        if self.request.user.has_perm("rooms.manage_rooms"):
            return reverse("rooms:requests")
        return reverse("rooms:mine")


class RequestsView(PermissionRequiredMixin, View):
    permission_required = "rooms.manage_rooms"

    def get(self, request):
        return render(
            request,
            "rooms/requests.html",
            {
                "pending": selectors.pending_requests(user=request.user),
                "coming": selectors.coming_partner_bookings(user=request.user),
                "refuse_form": RefuseForm(),
            },
        )


class DecisionMixin(PartnerBookingMixin):
    change_perm = "rooms.manage_rooms"

    def get_success_url(self) -> str:
        return reverse("rooms:requests")


class ApproveView(DecisionMixin, ServicePostView):
    success_message = gettext_lazy("Approved. The partner sees it in their bookings.")

    def perform(self, data):
        partner_services.partner_booking_approve(
            booking=self.object, actor=self.request.user, request=self.request
        )


class RefuseView(DecisionMixin, ServicePostView):
    form_class = RefuseForm
    success_message = gettext_lazy("Refused. The room is free again.")

    def perform(self, data):
        partner_services.partner_booking_refuse(
            booking=self.object,
            actor=self.request.user,
            reason=data.get("reason", ""),
            request=self.request,
        )


class RulesView(PermissionRequiredMixin, View):
    permission_required = "rooms.manage_rooms"

    def get(self, request):
        return render(request, "rooms/rules.html", {"rooms": selectors.rooms_for_staff()})


class RulesEditView(PermissionRequiredMixin, View):
    permission_required = "rooms.manage_rooms"
    template_name = "rooms/rules_edit.html"

    def get(self, request, pk: int):
        room = get_object_or_404(Room, pk=pk)
        form = RoomRulesForm(
            initial={
                "partner_bookable": room.partner_bookable,
                "opens_at": room.opens_at,
                "closes_at": room.closes_at,
                "days_ahead": room.days_ahead,
                "needs_approval": room.needs_approval,
            }
        )
        return render(request, self.template_name, {"room": room, "form": form})

    def post(self, request, pk: int):
        room = get_object_or_404(Room, pk=pk)
        form = RoomRulesForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                partner_services.room_rules_update(
                    room=room,
                    actor=request.user,
                    partner_bookable=data["partner_bookable"],
                    opens_at=data["opens_at"],
                    closes_at=data["closes_at"],
                    days_ahead=data["days_ahead"],
                    needs_approval=data["needs_approval"],
                    request=request,
                )
            except DomainError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("The rules of %(room)s are saved.") % {"room": room})
                return redirect("rooms:rules")
        return render(request, self.template_name, {"room": room, "form": form}, status=400)
