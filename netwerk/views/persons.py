"""A person's page for the organisation that registered them: consents, referrals, guidance."""

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from huis.accounts.access import fetch_for

from .. import selectors, services
from .base import ObjectAccessMixin, ServicePostView


class PersonDetailView(ObjectAccessMixin, TemplateView):
    view_perm = "netwerk.view_person"
    template_name = "netwerk/person_detail.html"

    def get_object_queryset(self):
        return selectors.person_with_details(user=self.request.user)

    def get_context_data(self, **kwargs):
        person = self.object
        services.person_read(person=person, actor=self.request.user, request=self.request)
        consents = [
            {"consent": c, "active": selectors.consent_is_active(c)} for c in person.consents.all()
        ]
        return super().get_context_data(person=person, consents=consents, **kwargs)


class ConsentWithdrawView(ServicePostView):
    """Withdrawing is as easy as giving: one button on the person's page."""

    success_message = _("The consent is withdrawn. From now on nothing more is shared.")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        # The rules are the person's: the consent comes from the persons the user may see.
        consent = (
            selectors.consents_of_persons_for(user=request.user).filter(pk=kwargs["pk"]).first()
        )
        fetch_for(
            request.user,
            selectors.persons_for(user=request.user),
            view_perm="netwerk.view_person",
            change_perm="netwerk.withdraw_consent",
            pk=consent.person_id if consent else 0,
        )
        self.consent = consent
        return super().dispatch(request, *args, **kwargs)

    def perform(self, data: dict) -> None:
        services.consent_withdraw(
            consent=self.consent, actor=self.request.user, request=self.request
        )

    def get_success_url(self):
        return reverse("netwerk:person_detail", kwargs={"pk": self.consent.person_id})
