"""Staff pages for sign-ups: sign someone up at the desk, the day's list and its CSV, check in,
move up from the waiting list, cancel a sign-up."""

import csv
import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from huis.accounts.models import User
from huis.audit.services import log_read_of_people
from huis.core.csv import csv_safe
from huis.core.errors import DomainError
from huis.core.service_views import apply_service_error
from huis.places.models import PlaceClaim

from ... import selectors, services
from ...forms import ReasonForm, StaffSignUpForm
from .base import ActivityToManageMixin, ClaimToManageMixin, StaffPostView


class StaffSignUpView(ActivityToManageMixin, FormView):
    """Sign up a person who calls or stands at the desk."""

    template_name = "ontmoeting/staff/sign_up.html"
    form_class = StaffSignUpForm

    def get_form_kwargs(self):
        offering = self.activity.offering
        return {
            **super().get_form_kwargs(),
            "max_places": offering.max_places_per_claim if offering else 1,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(activity=self.activity, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        account = None
        if data.get("email"):
            account = User.objects.filter(email__iexact=data["email"], is_active=True).first()
        try:
            claim = services.registration_create(
                activity=self.activity,
                actor=self.request.user,
                user=account,
                name=data["name"],
                email=data.get("email", ""),
                phone=data.get("phone", ""),
                places_wanted=data.get("places") or 1,
                language=account.preferred_language if account else "nl",
                by_staff=True,
            )
        except DomainError as exc:
            apply_service_error(form, exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if claim.status == PlaceClaim.Status.CONFIRMED:
            messages.success(self.request, _("%(name)s has a place.") % {"name": claim.name})
        else:
            messages.info(
                self.request, _("%(name)s is on the waiting list.") % {"name": claim.name}
            )
        return redirect("ontmoeting:staff_activity", pk=self.activity.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AttendanceView(ActivityToManageMixin, TemplateView):
    """The list for the day: printable, with a check-in button per person."""

    template_name = "ontmoeting/staff/attendance.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.activity
        claims = selectors.claims_of(activity=activity)
        log_read_of_people(
            actor=self.request.user,
            action="ontmoeting.attendance_viewed",
            obj=activity,
            subject_ids=[c.user_id for c in claims["confirmed"]],
            request=self.request,
        )
        context.update(
            activity=activity,
            confirmed=claims["confirmed"],
            can_check_in=activity.starts_at - dt.timedelta(hours=2) <= timezone.now(),
        )
        return context


class AttendanceCsvView(ActivityToManageMixin, View):
    def get(self, request, pk: int):
        activity = self.activity
        claims = selectors.claims_of(activity=activity)["confirmed"]
        log_read_of_people(
            actor=request.user,
            action="ontmoeting.attendance_exported",
            obj=activity,
            subject_ids=[c.user_id for c in claims],
            request=request,
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="aanwezigheid-{activity.pk}.csv"'
        response.write("\ufeff")  # so spreadsheet programs read the accents right
        writer = csv.writer(response, delimiter=";")
        writer.writerow([_("Name"), _("Places"), _("Email address"), _("Phone"), _("Present")])
        for claim in claims:
            writer.writerow(
                [
                    csv_safe(claim.name),
                    claim.places,
                    csv_safe(claim.email),
                    csv_safe(claim.phone),
                    csv_safe(claim.get_attendance_display() if claim.attendance else ""),
                ]
            )
        return response


class ClaimAttendanceView(ClaimToManageMixin, StaffPostView):
    """Check a person in (or out) on the day's list; back to the list at their line."""

    def perform(self, data: dict) -> None:
        services.registration_set_attendance(
            claim=self.object,
            attendance=self.request.POST.get("attendance", ""),
            actor=self.request.user,
        )

    def get_back_url(self) -> str:
        return reverse("ontmoeting:attendance", kwargs={"pk": self.activity.pk})

    def get_success_url(self) -> str:
        return f"{self.get_back_url()}#claim-{self.object.pk}"


class ClaimMoveUpView(ClaimToManageMixin, StaffPostView):
    form_class = ReasonForm
    invalid_message = gettext_lazy("Write down why this person may go first.")

    def perform(self, data: dict) -> None:
        services.registration_move_up(
            claim=self.object, actor=self.request.user, reason=data["reason"]
        )

    def get_success_message(self) -> str:
        return _("%(name)s is now first in line.") % {"name": self.object.name}


class ClaimCancelView(ClaimToManageMixin, StaffPostView):
    def perform(self, data: dict) -> None:
        services.registration_cancel(claim=self.object, actor=self.request.user)

    def get_success_message(self) -> str:
        return _("The sign-up of %(name)s is cancelled.") % {"name": self.object.name}
