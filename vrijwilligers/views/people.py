"""The coordinator's people pages: applications, volunteers (profile with the legal facts,
stopping), hours to confirm, and the house's figures per month."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from huis.audit.services import log_action
from huis.core.errors import DomainError
from huis.core.service_views import int_or_none

from .. import selectors, services
from ..forms import ConfirmForm, VolunteerForm
from ..models import Application
from .base import ObjectAccessMixin, PermissionRequiredMixin, ServicePostView, apply_service_error


class VolunteerListView(PermissionRequiredMixin, TemplateView):
    permission_required = "vrijwilligers.manage"
    template_name = "vrijwilligers/volunteer_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            volunteers=list(selectors.volunteers_for(user=user)[:500]),
            stopped=list(selectors.volunteers_for(user=user, active=False)[:100]),
            applications=list(
                selectors.applications_for(user=user).filter(status=Application.Status.NEW)[:100]
            ),
            **kwargs,
        )


class ApplicationListView(PermissionRequiredMixin, TemplateView):
    permission_required = "vrijwilligers.manage"
    template_name = "vrijwilligers/application_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            applications=list(selectors.applications_for(user=self.request.user)[:200]), **kwargs
        )


class ApplicationAccessMixin(ObjectAccessMixin):
    view_perm = "vrijwilligers.manage"

    def get_object_queryset(self):
        return selectors.applications_for(user=self.request.user)


class ApplicationDetailView(ApplicationAccessMixin, TemplateView):
    template_name = "vrijwilligers/application_detail.html"

    def get_context_data(self, **kwargs):
        # What someone wrote when applying is read by a coordinator: recorded.
        log_action(
            actor=self.request.user,
            action="vrijwilligers.application_viewed",
            obj=self.object,
            request=self.request,
        )
        return super().get_context_data(application=self.object, **kwargs)


class ApplicationAcceptView(ApplicationAccessMixin, ServicePostView):
    def perform(self, data):
        self.volunteer = services.application_accept(
            application=self.object, actor=self.request.user
        )
        self.success_message = _(
            "%(name)s is a volunteer now. Fill in the information note and the insurance."
        ) % {"name": self.volunteer.name}

    def get_success_url(self):
        return self.volunteer.get_absolute_url()

    def get_back_url(self):
        return self.object.get_absolute_url()


class ApplicationDeclineView(ApplicationAccessMixin, ServicePostView):
    success_message = _("The application is declined.")

    def perform(self, data):
        services.application_decline(application=self.object, actor=self.request.user)

    def get_success_url(self):
        return reverse("vrijwilligers:application_list")

    def get_back_url(self):
        return self.object.get_absolute_url()


class VolunteerAccessMixin(ObjectAccessMixin):
    view_perm = "vrijwilligers.manage"

    def get_object_queryset(self):
        return selectors.volunteers_for(user=self.request.user, active=None).filter(
            user__isnull=False
        )


class VolunteerDetailView(VolunteerAccessMixin, FormView):
    template_name = "vrijwilligers/volunteer_detail.html"
    form_class = VolunteerForm

    def get_initial(self):
        return VolunteerForm.initial_for(self.object)

    def form_valid(self, form):
        try:
            services.volunteer_update(
                volunteer=self.object, details=form.to_details(), actor=self.request.user
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(self.object.get_absolute_url())

    def get_context_data(self, **kwargs):
        year = timezone.localdate().year
        return super().get_context_data(
            volunteer=self.object,
            summary=selectors.volunteer_year(volunteer=self.object, year=year),
            claims=selectors.my_claims(volunteer=self.object),
            **kwargs,
        )


class VolunteerDeactivateView(VolunteerAccessMixin, ServicePostView):
    def perform(self, data):
        freed = services.volunteer_deactivate(volunteer=self.object, actor=self.request.user)
        self.success_message = _(
            "%(name)s has stopped. Shifts given back: %(count)s. The coordinators got a notice."
        ) % {"name": self.object.name, "count": len(freed)}

    def get_success_url(self):
        return self.object.get_absolute_url()


class VolunteerReactivateView(VolunteerAccessMixin, ServicePostView):
    success_message = _("Welcome back: the volunteer is active again.")

    def perform(self, data):
        services.volunteer_reactivate(volunteer=self.object, actor=self.request.user)

    def get_success_url(self):
        return self.object.get_absolute_url()


class HoursListView(PermissionRequiredMixin, TemplateView):
    permission_required = "vrijwilligers.manage"
    template_name = "vrijwilligers/hours_list.html"

    def get_context_data(self, **kwargs):
        # Each entry's allowance is quoted on its own page (the register is read per person).
        return super().get_context_data(
            entries=selectors.hours_waiting(user=self.request.user), **kwargs
        )


class HoursAccessMixin(ObjectAccessMixin):
    view_perm = "vrijwilligers.manage"

    def get_object_queryset(self):
        return selectors.hours_for(user=self.request.user)


class HoursConfirmView(HoursAccessMixin, ServicePostView):
    """GET: the allowance these hours would pay within the caps, with the warnings in words;
    POST: confirm (past a cap only with the tick, as for an expert's report)."""

    http_method_names = ["get", "post"]
    form_class = ConfirmForm
    success_message = _("The hours are confirmed.")

    def get(self, request, *args, **kwargs):
        try:
            quote, problem = services.hours_quote(entry=self.object), ""
        except DomainError as error:
            quote, problem = None, error.message
        return render(
            request,
            "vrijwilligers/hours_confirm.html",
            {"entry": self.object, "quote": quote, "problem": problem},
        )

    def perform(self, data):
        services.hours_confirm(
            entry=self.object, actor=self.request.user, confirm=bool(data.get("confirm"))
        )

    def get_success_url(self):
        return reverse("vrijwilligers:hours_list")


class FiguresView(PermissionRequiredMixin, TemplateView):
    permission_required = "vrijwilligers.manage"
    template_name = "vrijwilligers/figures.html"

    def get_context_data(self, **kwargs):
        this_year = timezone.localdate().year
        year = int_or_none(self.request.GET.get("jaar")) or this_year
        if not 2000 <= year <= this_year + 1:
            year = this_year
        months = selectors.house_figures(year=year)
        return super().get_context_data(
            year=year,
            months=months,
            years=list(range(this_year, this_year - 4, -1)),
            total_hours=sum(m.hours for m in months),
            total_filled=sum(m.shifts_filled for m in months),
            total_unfilled=sum(m.shifts_unfilled for m in months),
            **kwargs,
        )
