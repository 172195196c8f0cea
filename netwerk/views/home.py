"""The worker's start page of the network, the network page and the charter."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from huis.accounts.access import fetch_for
from huis.accounts.models import Organisation
from huis.core.errors import DomainError

from .. import selectors, services
from ..forms import CharterForm, OrganisationLeaveForm
from ..services import NetwerkError
from .base import ObjectAccessMixin, PermissionRequiredMixin, ServicePostView, apply_service_error


class HomeView(PermissionRequiredMixin, TemplateView):
    template_name = "netwerk/home.html"
    permission_required = "netwerk.view_home"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            counts=selectors.inbox_counts(user=user),
            to_sign=selectors.organisations_to_sign(user=user),
            charter=selectors.current_charter(),
            evaluations=selectors.upcoming_evaluations(user=user),
            without_lead=(
                selectors.guidance_without_lead(user=user).count()
                if user.has_perm("netwerk.see_guidance_without_lead")
                else None
            ),
            **kwargs,
        )


class NetworkView(PermissionRequiredMixin, TemplateView):
    """Who does what: the partners, their contact persons, the charter version each signed."""

    template_name = "netwerk/network.html"
    permission_required = "netwerk.view_network"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            members=selectors.network_members(),
            charter=selectors.current_charter(),
            to_sign=selectors.organisations_to_sign(user=self.request.user),
            **kwargs,
        )


class CharterView(PermissionRequiredMixin, TemplateView):
    template_name = "netwerk/charter.html"
    permission_required = "netwerk.view_network"

    def get_charter(self):
        return selectors.current_charter()

    def get_context_data(self, **kwargs):
        charter = self.get_charter()
        current = selectors.current_charter()
        return super().get_context_data(
            charter=charter,
            is_current=charter is not None and current is not None and charter.pk == current.pk,
            signatures=list(selectors.signatures_of(charter=charter)) if charter else [],
            versions=list(selectors.charter_versions()),
            to_sign=selectors.organisations_to_sign(user=self.request.user),
            **kwargs,
        )


class CharterVersionView(CharterView):
    def get_charter(self):
        # Every worker reads every version (a role, checked first); an unknown version is 404.
        return fetch_for(
            self.request.user,
            selectors.charter_versions(),
            view_perm=self.permission_required,
            version=self.kwargs["version"],
        )


class CharterPublishView(PermissionRequiredMixin, FormView):
    template_name = "netwerk/charter_form.html"
    permission_required = "netwerk.manage_charter"
    form_class = CharterForm

    def get_initial(self):
        current = selectors.current_charter()
        if current is None:
            return {}
        return {"title": current.title, "body": current.body}

    def form_valid(self, form):
        try:
            services.charter_publish(
                actor=self.request.user, request=self.request, **form.cleaned_data
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The new version is published. The partners are asked to sign it.")
        )
        return redirect("netwerk:charter")


class CharterSignView(PermissionRequiredMixin, ServicePostView):
    permission_required = "netwerk.sign_charter"
    success_message = _("Signed. Thank you.")

    def perform(self, data: dict) -> None:
        charter = selectors.current_charter()
        raw = self.request.POST.get("organisation", "")
        organisation = Organisation.objects.filter(pk=int(raw)).first() if raw.isdigit() else None
        if charter is None or organisation is None:
            raise NetwerkError(_("Choose the organisation you sign for."))
        services.charter_sign(
            actor=self.request.user,
            organisation=organisation,
            charter=charter,
            request=self.request,
        )

    def get_success_url(self):
        return reverse("netwerk:charter")


class OrganisationLeaveView(PermissionRequiredMixin, ObjectAccessMixin, FormView):
    """A coordinator records that an organisation leaves the network.

    Managing the members is a role, not a relation to one organisation: the network's partners
    and their names are on the network page every worker reads, so nothing is learnt from the
    answer. The role is checked first (anonymous -> login, anyone else -> 403); then the
    organisation is fetched through the selector narrowed to the user (404 for the house itself,
    an organisation that already left, or one that does not exist).
    """

    template_name = "netwerk/organisation_leave.html"
    permission_required = "netwerk.manage_members"
    view_perm = "netwerk.manage_members"
    form_class = OrganisationLeaveForm

    def get_object_queryset(self):
        return selectors.organisations_that_may_leave(user=self.request.user)

    @property
    def organisation(self) -> Organisation:
        return self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)

    def form_valid(self, form):
        try:
            counts = services.organisation_leave_network(
                organisation=self.organisation,
                actor=self.request.user,
                reason=form.cleaned_data["reason"],
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(name)s left the network. %(led)s guidance(s) wait for a new lead partner.")
            % {"name": self.organisation.name, "led": counts["led"]},
        )
        return redirect("netwerk:guidance_without_lead")
