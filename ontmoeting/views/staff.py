"""The staff's pages: plan the programme, the desk on the day, open hours, walk-in and figures."""

import csv
import datetime as dt

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.accounts.models import User
from huis.audit.services import log_read_of_people
from huis.core.csv import csv_safe
from huis.core.cursors import make_cursor, parse_cursor
from huis.core.errors import DomainError
from huis.core.service_views import ServicePostView, apply_service_error
from huis.places.models import PlaceClaim

from .. import selectors, services
from ..forms import (
    ActivityForm,
    ActivityWalkInForm,
    OpenHoursForm,
    OptionalReasonForm,
    ReasonForm,
    StaffSignUpForm,
    WalkInForm,
)
from ..models import Activity, OpenHours, WalkInTally

PERM = "ontmoeting.manage_programme"


class StaffMixin(PermissionRequiredMixin):
    """The house's people only: anonymous -> login, anyone else 403 (before any object is read)."""

    permission_required = PERM


class ActivityToManageMixin(StaffMixin, ObjectAccessMixin):
    """The activity in the address (`self.object`, drafts too); unknown -> 404."""

    view_perm = PERM

    def get_object_queryset(self):
        return selectors.activities_to_manage(user=self.request.user)

    @property
    def activity(self) -> Activity:
        return self.object


class ClaimToManageMixin(StaffMixin, ObjectAccessMixin):
    """The sign-up in the address (`self.object`); a course's enrolment is not found (404)."""

    view_perm = PERM

    def get_object_queryset(self):
        return selectors.claims_to_manage(user=self.request.user)

    @cached_property
    def activity(self) -> Activity:
        return services.activity_of(self.object)


class StaffPostView(ServicePostView):
    """A POST-only change at the desk calling one service; a refusal answers the core refused
    page (400, 409 when busy) with the way back to the activity."""

    def get_back_url(self) -> str:
        return reverse("ontmoeting:staff_activity", kwargs={"pk": self.activity.pk})

    def get_success_url(self) -> str:
        return self.get_back_url()


class StaffListView(StaffMixin, TemplateView):
    template_name = "ontmoeting/staff/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show_past = self.request.GET.get("voorbij") == "1"
        rows, has_more = selectors.staff_activities(
            show_past=show_past, after=parse_cursor(self.request.GET.get("na", ""))
        )
        next_url = ""
        if has_more:
            query = self.request.GET.copy()
            query["na"] = make_cursor(rows[-1].starts_at, rows[-1].pk)
            next_url = "?" + query.urlencode()
        context.update(activities=rows, show_past=show_past, next_url=next_url)
        return context


class ActivityCreateView(StaffMixin, FormView):
    template_name = "ontmoeting/staff/form.html"
    form_class = ActivityForm

    def form_valid(self, form):
        try:
            activity = services.activity_create(
                data=form.to_data(),
                actor=self.request.user,
                repeat_weekly_until=form.cleaned_data.get("repeat_weekly_until"),
            )
        except DomainError as exc:
            apply_service_error(form, exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, _("Saved as a draft. Publish it when it is ready."))
        return redirect("ontmoeting:staff_activity", pk=activity.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ActivityUpdateView(ActivityToManageMixin, FormView):
    template_name = "ontmoeting/staff/form.html"
    form_class = ActivityForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.activity}

    def get_context_data(self, **kwargs):
        return super().get_context_data(activity=self.activity, **kwargs)

    def form_valid(self, form):
        activity = Activity.objects.get(pk=self.activity.pk)  # the form changed the instance
        try:
            changed = services.activity_update(
                activity=activity,
                data=form.to_data(),
                actor=self.request.user,
                scope=form.cleaned_data.get("scope") or "one",
            )
        except DomainError as exc:
            apply_service_error(form, exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if len(changed) > 1:
            messages.success(self.request, _("Saved (%(n)s dates).") % {"n": len(changed)})
        else:
            messages.success(self.request, _("Saved."))
        return redirect("ontmoeting:staff_activity", pk=activity.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class StaffActivityView(ActivityToManageMixin, TemplateView):
    template_name = "ontmoeting/staff/activity.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.activity
        claims = selectors.claims_of(activity=activity)
        log_read_of_people(
            actor=self.request.user,
            action="ontmoeting.sign_ups_viewed",
            obj=activity,
            subject_ids=[c.user_id for group in claims.values() for c in group],
            request=self.request,
        )
        context.update(
            activity=activity,
            claims=claims,
            cancel_form=OptionalReasonForm(),
            move_up_form=ReasonForm(),
            walk_in_form=ActivityWalkInForm(initial={"count": activity.walk_in_count}),
        )
        return context


class PublishView(ActivityToManageMixin, StaffPostView):
    success_message = gettext_lazy("Published. It is in the agenda now.")

    def perform(self, data: dict) -> None:
        services.activity_publish(activity=self.activity, actor=self.request.user)


class CancelActivityView(ActivityToManageMixin, StaffPostView):
    form_class = OptionalReasonForm
    invalid_message = gettext_lazy("The reason is too long.")
    success_message = gettext_lazy("Cancelled. Everyone who signed up gets a message.")

    def perform(self, data: dict) -> None:
        services.activity_cancel(
            activity=self.activity, actor=self.request.user, reason=data["reason"]
        )


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


class ActivityWalkInsView(ActivityToManageMixin, StaffPostView):
    form_class = ActivityWalkInForm
    invalid_message = gettext_lazy("Give a number of 0 or more.")
    success_message = gettext_lazy("Saved.")

    def perform(self, data: dict) -> None:
        services.activity_record_walk_ins(
            activity=self.activity, count=data["count"], actor=self.request.user
        )


# --- Open hours and walk-in -------------------------------------------------------------------


class WalkInView(StaffMixin, FormView):
    """Open hours, and the count of people who dropped in during each open session."""

    template_name = "ontmoeting/staff/walk_in.html"
    form_class = WalkInForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            open_hours=OpenHours.objects.select_related("room").all(),
            tallies=WalkInTally.objects.select_related("open_hours")[:30],
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.walk_in_record(
                open_hours=data["open_hours"],
                date=data["date"],
                count=data["count"],
                note=data.get("note", ""),
                actor=self.request.user,
            )
        except DomainError as exc:
            apply_service_error(form, exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, _("Saved. Thank you."))
        return redirect("ontmoeting:walk_in")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class _OpenHoursFormView(FormView):
    template_name = "ontmoeting/staff/open_hours_form.html"
    form_class = OpenHoursForm

    def form_valid(self, form):
        try:
            services.open_hours_save(hours=form.instance, actor=self.request.user)
        except DomainError as exc:
            apply_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect("ontmoeting:walk_in")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OpenHoursCreateView(StaffMixin, _OpenHoursFormView):
    pass


class OpenHoursUpdateView(StaffMixin, ObjectAccessMixin, _OpenHoursFormView):
    """The open hours in the address; unknown -> 404."""

    view_perm = PERM

    def get_object_queryset(self):
        return selectors.open_hours_to_manage(user=self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}


class OverviewView(StaffMixin, TemplateView):
    template_name = "ontmoeting/staff/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_year = timezone.localdate().year
        try:
            year = int(self.request.GET.get("jaar", this_year))
        except ValueError:
            year = this_year
        year = min(max(year, 2000), this_year + 1)
        months, total = selectors.overview(year=year)
        context.update(
            year=year,
            months=[(formats.date_format(dt.date(year, m.month, 1), "F"), m) for m in months],
            total=total,
            previous_year=year - 1,
            next_year=year + 1 if year < this_year + 1 else None,
        )
        return context
