"""Start a referral in the partner network from a piece of outreach work, in one step."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from huis.core.errors import DomainError
from netwerk import selectors as netwerk_selectors

from .. import selectors, services
from ..forms_referral import OutreachReferralForm
from .base import ObjectAccessMixin, apply_service_error


class EntryReferView(ObjectAccessMixin, FormView):
    view_perm = "kwartiermaken.view_entry"
    change_perm = "kwartiermaken.change_entry"
    template_name = "kwartiermaken/entry_refer.html"
    form_class = OutreachReferralForm

    def get_object_queryset(self):
        return selectors.entry_with_details(user=self.request.user)

    def get_form_kwargs(self):
        partners = netwerk_selectors.network_organisations().exclude(pk=self.object.organisation_id)
        return {**super().get_form_kwargs(), "partners": partners}

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.object, **kwargs)

    def form_invalid(self, form):
        """Bad input or a refusal: the form again with the reason, answered as 400."""
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            referral = services.entry_refer(
                entry=self.object,
                actor=self.request.user,
                details=form.details(),
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The referral is sent to %(name)s, with the needs you saw. You can follow it here.")
            % {"name": referral.to_organisation.name},
        )
        return redirect(referral)
