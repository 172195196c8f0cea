"""A worker's privacy requests on behalf of a referred person (issue #25): from the referral's
page, the download of what the portal holds about the person and its erasure. The referring
organisation's workers and the house's people; any other organisation gets 404."""

from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from huis.accounts.exports import data_export_current
from huis.core.ratelimit import rate_limited

from .. import privacy, selectors, services
from .base import ObjectAccessMixin, ServicePostView


class EraseOnBehalfForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (for the record)"),
        help_text=_("For example: the person asked for it by phone on 3 March."),
        max_length=services.privacy.REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirm = forms.BooleanField(
        label=_("The person asked for it. I understand that this cannot be undone."),
    )


class ReferralPrivacyMixin(ObjectAccessMixin):
    view_perm = "netwerk.privacy_on_behalf"

    def get_object_queryset(self):
        return selectors.referrals_for_privacy(user=self.request.user)

    def get_success_url(self) -> str:
        return reverse("netwerk:referral_privacy", kwargs={"pk": self.object.pk})


class ReferralPrivacyView(ReferralPrivacyMixin, TemplateView):
    template_name = "netwerk/referral_privacy.html"

    def get_context_data(self, **kwargs):
        referral, user = self.object, self.request.user
        return super().get_context_data(
            referral=referral,
            person=referral.person,
            show_person=selectors.may_see_person_details(user=user, referral=referral),
            export=data_export_current(user=user, subject_ref=privacy.subject_ref(referral.person)),
            hours=settings.DATA_EXPORT_HOURS,
            erase_form=EraseOnBehalfForm(),
            **kwargs,
        )


@method_decorator(
    rate_limited("netwerk.export_on_behalf", rate="10/h", key="user_or_ip", methods=("POST",)),
    name="dispatch",
)
class ReferralPrivacyExportView(ReferralPrivacyMixin, ServicePostView):
    success_message = _("We are making the file. This page shows when it is ready.")

    def perform(self, data: dict) -> None:
        services.person_export_on_behalf(
            referral=self.object, actor=self.request.user, request=self.request
        )


class ReferralPrivacyEraseView(ReferralPrivacyMixin, ServicePostView):
    form_class = EraseOnBehalfForm
    invalid_message = _("Write down why, and confirm that the person asked for it.")
    success_message = _("The person's details are erased. The referral stays counted.")

    def perform(self, data: dict) -> None:
        services.person_erase_on_behalf(
            referral=self.object,
            actor=self.request.user,
            reason=data["reason"],
            request=self.request,
        )
