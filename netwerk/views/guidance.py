"""Shared responsibility: guidance agreements, withdrawing, handover, evaluation moments."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from huis.accounts.access import fetch_for, organisation_ids, organisations_of
from huis.core.dates import add_months
from huis.core.errors import DomainError

from .. import selectors, services
from ..forms import (
    EvaluationDoneForm,
    EvaluationPlanForm,
    GuidanceForm,
    HandoverForm,
    LeaveGuidanceForm,
)
from ..forms_agreement import SignedForm
from ..models import GuidanceAgreement
from .base import (
    ObjectAccessMixin,
    PermissionRequiredMixin,
    apply_service_error,
    int_or_none,
)


class GuidanceListView(PermissionRequiredMixin, TemplateView):
    permission_required = "netwerk.refer"
    template_name = "netwerk/guidance_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", GuidanceAgreement.Status.ACTIVE)
        if status not in GuidanceAgreement.Status.values:
            status = GuidanceAgreement.Status.ACTIVE
        return super().get_context_data(
            agreements=list(selectors.guidance_list(user=self.request.user, status=status)[:200]),
            status=status,
            statuses=GuidanceAgreement.Status.choices,
            **kwargs,
        )


class GuidanceWithoutLeadView(PermissionRequiredMixin, TemplateView):
    permission_required = "netwerk.see_guidance_without_lead"
    template_name = "netwerk/guidance_without_lead.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            agreements=list(selectors.guidance_without_lead(user=self.request.user)), **kwargs
        )


class GuidanceCreateView(PermissionRequiredMixin, FormView):
    """Start guidance for a person your organisation registered (?persoon=) or whose referral it
    accepted (?doorverwijzing=)."""

    permission_required = "netwerk.start_guidance"
    template_name = "netwerk/guidance_form.html"
    form_class = GuidanceForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.referral = None
        referral_id = int_or_none(request.GET.get("doorverwijzing"))
        if referral_id is not None:
            self.referral = fetch_for(
                request.user,
                selectors.referral_with_details(user=request.user),
                view_perm="netwerk.view_referral",
                change_perm="netwerk.handle_referral",
                pk=referral_id,
            )
        self.person = selectors.person_for_guidance(
            user=request.user,
            referral=self.referral,
            person_id=int_or_none(request.GET.get("persoon")),
        )
        if self.person is None and request.user.has_perm(self.permission_required):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisations": organisations_of(self.request.user),
            "partners": selectors.network_organisations().exclude(
                pk__in=organisation_ids(self.request.user)
            ),
        }

    def get_initial(self):
        from django.utils import timezone

        today = timezone.localdate()
        return {"starts_on": today, "ends_on": add_months(today, 6)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, referral=self.referral, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            agreement = services.guidance_create(
                actor=self.request.user,
                person=self.person,
                referral=self.referral,
                request=self.request,
                **data,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The guidance agreement is saved."))
        return redirect(agreement)


class GuidanceDetailView(ObjectAccessMixin, TemplateView):
    view_perm = "netwerk.view_guidance"
    template_name = "netwerk/guidance_detail.html"

    def get_object_queryset(self):
        return selectors.guidance_with_details(user=self.request.user)

    def get_context_data(self, **kwargs):
        user, agreement = self.request.user, self.object
        services.guidance_read(agreement=agreement, actor=user, request=self.request)
        return super().get_context_data(
            agreement=agreement,
            can_change=user.has_perm("netwerk.change_guidance", agreement),
            can_leave=user.has_perm("netwerk.leave_guidance", agreement),
            can_hand_over=user.has_perm("netwerk.hand_over_guidance", agreement),
            plan_form=EvaluationPlanForm(),
            done_form=EvaluationDoneForm(),
            signed_form=SignedForm(),
            **kwargs,
        )


class GuidanceFormBase(ObjectAccessMixin, FormView):
    view_perm = "netwerk.view_guidance"

    def get_object_queryset(self):
        return selectors.guidance_for(user=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(agreement=self.object, **kwargs)

    def done(self, message):
        messages.success(self.request, message)
        return redirect(self.object)


class GuidanceLeaveView(GuidanceFormBase):
    change_perm = "netwerk.leave_guidance"
    template_name = "netwerk/guidance_leave.html"
    form_class = LeaveGuidanceForm

    def get_form_kwargs(self):
        agreement = self.object
        involved = {agreement.lead_organisation_id, *(p.pk for p in agreement.partners.all())}
        return {
            **super().get_form_kwargs(),
            "organisations": [o for o in organisations_of(self.request.user) if o.pk in involved],
        }

    def form_valid(self, form):
        try:
            services.guidance_leave(
                agreement=self.object,
                organisation=form.cleaned_data["organisation"],
                actor=self.request.user,
                reason=form.cleaned_data["reason"],
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Your organisation withdrew. The coordinators make sure another partner takes over."),
        )
        return redirect("netwerk:guidance_list")


class GuidanceHandoverView(GuidanceFormBase):
    change_perm = "netwerk.hand_over_guidance"
    template_name = "netwerk/guidance_handover.html"
    form_class = HandoverForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partners": selectors.network_organisations()}

    def form_valid(self, form):
        try:
            services.guidance_hand_over(
                agreement=self.object,
                to_organisation=form.cleaned_data["to_organisation"],
                actor=self.request.user,
                reason=form.cleaned_data["reason"],
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        return self.done(_("The handover is recorded."))


class EvaluationPlanView(GuidanceFormBase):
    change_perm = "netwerk.change_guidance"
    template_name = "netwerk/evaluation_form.html"
    form_class = EvaluationPlanForm

    def form_valid(self, form):
        try:
            services.evaluation_plan(
                agreement=self.object,
                planned_on=form.cleaned_data["planned_on"],
                actor=self.request.user,
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        return self.done(_("The evaluation is planned. The lead partner gets a reminder."))


class EvaluationDoneView(ObjectAccessMixin, FormView):
    view_perm = "netwerk.view_guidance"
    change_perm = "netwerk.change_guidance"
    template_name = "netwerk/evaluation_form.html"
    form_class = EvaluationDoneForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.evaluation = (
            selectors.evaluations_for(user=request.user).filter(pk=kwargs["pk"]).first()
        )
        kwargs = {**kwargs, "pk": self.evaluation.agreement_id if self.evaluation else 0}
        return super().dispatch(request, *args, **kwargs)

    def get_object_queryset(self):
        return selectors.guidance_for(user=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(agreement=self.object, evaluation=self.evaluation, **kwargs)

    def form_valid(self, form):
        try:
            services.evaluation_done(
                evaluation=self.evaluation,
                actor=self.request.user,
                summary=form.cleaned_data["summary"],
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The evaluation is recorded."))
        return redirect(self.object)


def guidance_url(agreement) -> str:
    return reverse("netwerk:guidance_detail", kwargs={"pk": agreement.pk})
