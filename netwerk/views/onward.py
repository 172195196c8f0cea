"""Passing a referral on to the next partner, with the person's consent and the intake."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from huis.core.errors import DomainError

from .. import selectors, services
from ..forms_onward import PassOnForm
from .base import ObjectAccessMixin, apply_service_error


class ReferralPassOnView(ObjectAccessMixin, FormView):
    """The receiver only; the page says why when the consent does not allow it (any more)."""

    view_perm = "netwerk.view_referral"
    change_perm = "netwerk.handle_referral"
    template_name = "netwerk/referral_pass_on.html"
    form_class = PassOnForm

    def get_object_queryset(self):
        return selectors.referral_with_details(user=self.request.user)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "targets": services.pass_on_targets(referral=self.object),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            referral=self.object,
            refusal=services.pass_on_refusal(referral=self.object, user=self.request.user),
            **kwargs,
        )

    def form_invalid(self, form):
        """Bad input or a refusal: the form again with the reason, answered as 400."""
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            onward = services.referral_pass_on(
                referral=self.object,
                actor=self.request.user,
                to_organisation=form.cleaned_data["to_organisation"],
                note=form.cleaned_data["note"],
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Passed on to %(name)s, with the intake. Nobody needs to ask the person again.")
            % {"name": onward.to_organisation.name},
        )
        return redirect(self.object)
