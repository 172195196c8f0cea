"""Trajectories: started from an admitted application, then the plan (goals per life domain), the
contact log, evaluation moments, housing checks and the end, each through one small POST view."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from huis.accounts.access import fetch_for, organisations_of
from huis.accounts.models import Organisation
from huis.core.errors import DomainError

from .. import selectors, services
from ..forms import (
    ContactForm,
    EndForm,
    EvaluationPlanForm,
    EvaluationRecordForm,
    GoalForm,
    GoalStatusForm,
    HousedForm,
    HousingCheckForm,
    TrajectoryStartForm,
)
from ..models import Application
from ..models.trajectories import CHECK_MONTHS
from ..permissions import start_allowed
from ..services import check_due_on
from .base import ObjectAccessMixin, PermissionRequiredMixin, ServicePostView, apply_service_error


class TrajectoryListView(PermissionRequiredMixin, TemplateView):
    permission_required = "trajecten.view_trajectories"
    template_name = "trajecten/trajectory_list.html"

    def get_context_data(self, **kwargs):
        show = self.request.GET.get("toon", "")
        trajectories = selectors.trajectories_for(user=self.request.user)
        if show != "alle":
            trajectories = trajectories.filter(ended_on__isnull=True)
        return super().get_context_data(
            trajectories=list(trajectories[:200]), show_all=show == "alle", **kwargs
        )


class TrajectoryStartView(FormView):
    """The preparing organisation or a coordinator starts the trajectory of an admitted family:
    lead partner and other partners become the guidance agreement in the network."""

    template_name = "trajecten/trajectory_start.html"
    form_class = TrajectoryStartForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.object = fetch_for(
            request.user,
            selectors.application_with_details(),
            view_perm="trajecten.view_application",
            pk=kwargs["pk"],
        )
        if not start_allowed(request.user, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        existing = selectors.application_trajectory(self.object)
        if existing is not None or self.object.status != Application.Status.ADMITTED:
            messages.info(request, _("Only an admitted family without a trajectory can start one."))
            return redirect(self.object)
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        partners = list(
            Organisation.objects.filter(is_active=True)
            .exclude(kind=Organisation.Kind.REQUESTER)
            .order_by("name")
        )
        return {
            **super().get_form_kwargs(),
            "organisations": partners,
            "leads": organisations_of(self.request.user),
            "lead": self.object.organisation,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(application=self.object, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            trajectory = services.trajectory_start(
                application=self.object,
                actor=self.request.user,
                lead_organisation=data["lead_organisation"],
                partners=data["partners"],
                started_on=data["started_on"],
                housed_on=data["housed_on"],
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The trajectory has started. Write the plan with the family.")
        )
        return redirect(trajectory)


class TrajectoryAccessMixin(ObjectAccessMixin):
    view_perm = "trajecten.view_trajectory"

    def get_object_queryset(self):
        return selectors.trajectory_with_details()


class TrajectoryChangeMixin(TrajectoryAccessMixin):
    change_perm = "trajecten.change_trajectory"

    def get_success_url(self):
        return self.object.get_absolute_url()


class TrajectoryDetailView(TrajectoryAccessMixin, TemplateView):
    template_name = "trajecten/trajectory_detail.html"

    def get_context_data(self, **kwargs):
        trajectory = self.object
        can_change = self.request.user.has_perm("trajecten.change_trajectory", trajectory)
        goals = list(trajectory.goals.all())
        checks = {c.months: c for c in trajectory.housing_checks.all()}
        moments = [
            {"months": m, "due_on": check_due_on(trajectory, m), "check": checks.get(m)}
            for m in CHECK_MONTHS
        ]
        open_form = can_change and trajectory.is_open
        evaluations = [
            (e, EvaluationRecordForm(auto_id=f"evaluation{e.pk}_%s") if can_change else None)
            for e in trajectory.evaluations.all()
        ]
        return super().get_context_data(
            trajectory=trajectory,
            agreement=trajectory.agreement,
            partners=list(trajectory.agreement.partners.all()),
            goals=goals,
            contacts=list(trajectory.contacts.all()[:50]),
            evaluations=evaluations,
            moments=moments,
            can_change=can_change,
            goal_form=GoalForm(auto_id="goal_%s") if open_form else None,
            status_choices=GoalStatusForm().fields["status"].choices,
            contact_form=ContactForm(auto_id="contact_%s") if open_form else None,
            can_plan=open_form,
            housed_form=HousedForm(auto_id="housed_%s") if open_form and not checks else None,
            check_form=HousingCheckForm(auto_id="check_%s") if can_change else None,
            **kwargs,
        )


class GoalAddView(TrajectoryChangeMixin, ServicePostView):
    form_class = GoalForm
    success_message = _("The goal is added to the plan.")

    def perform(self, data):
        services.goal_add(
            trajectory=self.object, actor=self.request.user, request=self.request, **data
        )


class GoalStatusView(TrajectoryChangeMixin, ServicePostView):
    form_class = GoalStatusForm
    success_message = _("The goal is updated.")

    def perform(self, data):
        goal = next((g for g in self.object.goals.all() if g.pk == self.kwargs["goal"]), None)
        if goal is None:
            raise Http404
        services.goal_set_status(
            goal=goal, actor=self.request.user, status=data["status"], request=self.request
        )


class ContactAddView(TrajectoryChangeMixin, ServicePostView):
    form_class = ContactForm
    success_message = _("The contact is logged.")

    def perform(self, data):
        services.contact_add(
            trajectory=self.object, actor=self.request.user, request=self.request, **data
        )


class EvaluationPlanView(TrajectoryChangeMixin, ServicePostView):
    form_class = EvaluationPlanForm
    success_message = _("The evaluation is planned. You get a reminder the day before.")

    def perform(self, data):
        services.evaluation_plan(
            trajectory=self.object, actor=self.request.user, request=self.request, **data
        )


class EvaluationRecordView(TrajectoryChangeMixin, ServicePostView):
    form_class = EvaluationRecordForm
    success_message = _("The evaluation is recorded.")

    def perform(self, data):
        evaluation = next(
            (e for e in self.object.evaluations.all() if e.pk == self.kwargs["evaluation"]), None
        )
        if evaluation is None:
            raise Http404
        services.evaluation_record(
            evaluation=evaluation, actor=self.request.user, request=self.request, **data
        )


class HousedView(TrajectoryChangeMixin, ServicePostView):
    form_class = HousedForm
    success_message = _("Saved. The housing checks count from this day.")

    def perform(self, data):
        services.trajectory_set_housed(
            trajectory=self.object, actor=self.request.user, request=self.request, **data
        )


class HousingCheckView(TrajectoryChangeMixin, ServicePostView):
    form_class = HousingCheckForm
    success_message = _("The housing check is recorded.")

    def perform(self, data):
        services.housing_check_record(
            trajectory=self.object, actor=self.request.user, request=self.request, **data
        )


class TrajectoryEndView(TrajectoryChangeMixin, FormView):
    template_name = "trajecten/trajectory_end.html"
    form_class = EndForm

    def get(self, request, *args, **kwargs):
        if not self.object.is_open:
            messages.info(request, _("This trajectory has ended."))
            return redirect(self.object)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(trajectory=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.trajectory_end(
                trajectory=self.object,
                actor=self.request.user,
                request=self.request,
                **form.cleaned_data,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The trajectory is closed."))
        return redirect(self.object)
