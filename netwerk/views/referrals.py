"""Warm referrals: the one intake, the inbox and sent list, a referral's page and its steps."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from huis.accounts.access import organisations_of
from huis.core.errors import DomainError

from .. import selectors, services
from ..forms import CloseForm, DeclineForm, ReferralForm
from ..models import Referral
from .base import (
    ObjectAccessMixin,
    PermissionRequiredMixin,
    ServicePostView,
    apply_service_error,
    int_or_none,
)


class ReferralListView(PermissionRequiredMixin, TemplateView):
    permission_required = "netwerk.refer"
    template_name = "netwerk/referral_list.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        box = self.request.GET.get("lijst", "in")
        boxes = ["in", "out"] + (["all"] if user.has_perm("netwerk.manage_members") else [])
        if box not in boxes:
            box = "in"
        status = self.request.GET.get("status", "")
        filters = selectors.ReferralFilter(
            box=box, status=status if status in Referral.Status.values else ""
        )
        page, rows = selectors.referral_page(
            user=user, filters=filters, page=int_or_none(self.request.GET.get("pagina")) or 1
        )
        return super().get_context_data(
            filters=filters,
            boxes=boxes,
            page=page,
            rows=rows,
            statuses=Referral.Status.choices,
            **kwargs,
        )


class ReferralCreateView(PermissionRequiredMixin, FormView):
    permission_required = "netwerk.refer"
    template_name = "netwerk/referral_form.html"
    form_class = ReferralForm

    def get_form_kwargs(self):
        organisations = organisations_of(self.request.user)
        return {
            **super().get_form_kwargs(),
            "organisations": organisations,
            "partners": selectors.network_organisations(),
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            referral = services.referral_create(
                actor=self.request.user,
                from_organisation=data["from_organisation"],
                to_organisation=data["to_organisation"],
                question=data["question"],
                minimum_needed=data["minimum_needed"],
                tried=data["tried"],
                consent_given=data["consent_given"],
                items=data["items"],
                scope=data["scope"],
                also_share_with=data["also_share_with"],
                receiver_may_pass_on=data["receiver_may_pass_on"],
                alias=data["alias"],
                contact=data["contact"],
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The referral is sent to %(name)s. You can follow it here.")
            % {"name": referral.to_organisation.name},
        )
        return redirect(referral)


class ReferralDetailView(ObjectAccessMixin, TemplateView):
    """Sender, receiver and coordinators; every read is recorded. The person's details only for
    the sender and, while the consent is active, the receiver."""

    view_perm = "netwerk.view_referral"
    template_name = "netwerk/referral_detail.html"

    def get_object_queryset(self):
        return selectors.referral_with_details(user=self.request.user)

    def get_context_data(self, **kwargs):
        user, referral = self.request.user, self.object
        services.referral_read(referral=referral, actor=user, request=self.request)
        show_person = selectors.may_see_person_details(user=user, referral=referral)
        return super().get_context_data(
            referral=referral,
            show_person=show_person,
            consent_active=selectors.consent_is_active(referral.consent),
            can_handle=user.has_perm("netwerk.handle_referral", referral),
            is_sender=user.has_perm("netwerk.view_person", referral.person),
            may_ask_privacy=user.has_perm("netwerk.privacy_on_behalf", referral),
            close_form=CloseForm(),
            statuses=Referral.Status.choices,
            chain=selectors.referral_chain(referral=referral),
            may_pass_on=services.pass_on_refusal(referral=referral, user=user) is None,
            **kwargs,
        )


class ReferralStepView(ObjectAccessMixin, ServicePostView):
    view_perm = "netwerk.view_referral"
    change_perm = "netwerk.handle_referral"

    def get_object_queryset(self):
        return selectors.referrals_for(user=self.request.user)

    def get_success_url(self):
        return self.object.get_absolute_url()


class ReferralAcceptView(ReferralStepView):
    success_message = _("Accepted. The sender sees it.")

    def perform(self, data: dict) -> None:
        services.referral_accept(
            referral=self.object, actor=self.request.user, request=self.request
        )


class ReferralStartView(ReferralStepView):
    success_message = _("Marked as in progress.")

    def perform(self, data: dict) -> None:
        services.referral_start(referral=self.object, actor=self.request.user, request=self.request)


class ReferralCloseView(ReferralStepView):
    success_message = _("Closed.")

    def perform(self, data: dict) -> None:
        form = CloseForm(self.request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        services.referral_close(
            referral=self.object, actor=self.request.user, note=note, request=self.request
        )


class ReferralDeclineView(ObjectAccessMixin, FormView):
    view_perm = "netwerk.view_referral"
    change_perm = "netwerk.handle_referral"
    template_name = "netwerk/referral_decline.html"
    form_class = DeclineForm

    def get_object_queryset(self):
        return selectors.referrals_for(user=self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(referral=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.referral_decline(
                referral=self.object,
                actor=self.request.user,
                reason=form.cleaned_data["reason"],
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Declined. The sender sees your reason."))
        return redirect(self.object)


def referral_list_url(box: str = "in") -> str:
    return f"{reverse('netwerk:referral_list')}?lijst={box}"
