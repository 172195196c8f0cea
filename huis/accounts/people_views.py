"""The people and organisations page, invitations, and accepting one (issue #25)."""

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from huis.core.errors import DomainError
from huis.core.ratelimit import rate_limited
from huis.core.registry import onboarding_of, open_work_of
from huis.core.service_views import apply_service_error, refuse

from . import invitations, people_selectors, phone_login
from .access import fetch_for, is_coordinator
from .mixins import PermissionRequiredMixin
from .models import Membership
from .roles import Role


class PeopleView(PermissionRequiredMixin, TemplateView):
    permission_required = "accounts.view_people"
    template_name = "accounts/people.html"

    def get_context_data(self, **kwargs: Any) -> dict:
        user = self.request.user
        organisations = list(people_selectors.organisations_for_people(user=user))
        onboarding = onboarding_of(organisations, user)
        for organisation in organisations:
            organisation.onboarding = onboarding[organisation.pk]
        return super().get_context_data(
            organisations=organisations,
            invitations=list(people_selectors.open_invitations(user=user)[:100]),
            without_email=people_selectors.people_without_email(user=user),
            may_manage=user.has_perm("accounts.manage_people"),
            **kwargs,
        )


class InviteForm(forms.Form):
    display_name = forms.CharField(label=gettext_lazy("Name"), max_length=150)
    email = forms.EmailField(label=gettext_lazy("Email address"))
    organisation = forms.ModelChoiceField(label=gettext_lazy("Organisation"), queryset=None)
    role = forms.ChoiceField(label=gettext_lazy("Role"))
    language = forms.ChoiceField(
        label=gettext_lazy("Language of the invitation"), choices=settings.LANGUAGES
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = people_selectors.organisations_for_people(
            user=user
        ).prefetch_related(None)
        roles = invitations.roles_to_hand_out(actor=user) or [invitations.CONTACT_ROLE.value]
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]
        if is_coordinator.test(user):
            # A coordinator onboards an organisation: its contact person signs the charter.
            self.fields["function"] = forms.ChoiceField(
                label=gettext_lazy("Function in the organisation"),
                choices=Membership.Function.choices,
                initial=Membership.Function.WORKER,
                required=False,
            )
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", gettext_lazy("Send the invitation")))


class InviteView(PermissionRequiredMixin, FormView):
    permission_required = "accounts.view_people"
    template_name = "accounts/invite.html"
    form_class = InviteForm

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self) -> dict:
        raw = self.request.GET.get("organisation", "")
        return {"organisation": int(raw)} if raw.isdigit() and len(raw) < 10 else {}

    def form_valid(self, form: InviteForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            invitations.invitation_create(
                email=data["email"],
                display_name=data["display_name"],
                organisation=data["organisation"],
                role=data["role"],
                language=data["language"],
                function=data.get("function") or Membership.Function.WORKER,
                actor=self.request.user,
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, _("The invitation is on its way."))
        return redirect("people:list")

    def form_invalid(self, form: InviteForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OrganisationOnboardingView(PermissionRequiredMixin, TemplateView):
    """One organisation's onboarding: its people in the portal, open invitations, and the steps
    functions register (the network's charter). Coordinators and the organisation's contact
    person; any other organisation is 404."""

    permission_required = "accounts.view_people"
    template_name = "accounts/organisation_onboarding.html"

    def get_context_data(self, **kwargs: Any) -> dict:
        user = self.request.user
        organisation = fetch_for(
            user,
            people_selectors.organisations_for_people(user=user),
            view_perm=self.permission_required,
            pk=kwargs["pk"],
        )
        return super().get_context_data(
            organisation=organisation,
            steps=onboarding_of([organisation], user)[organisation.pk],
            invitations=list(
                people_selectors.open_invitations(user=user).filter(organisation=organisation)[:100]
            ),
            **kwargs,
        )


class PersonMixin(PermissionRequiredMixin):
    permission_required = "accounts.manage_people"

    def person(self, pk: int) -> Any:
        return fetch_for(
            self.request.user,
            people_selectors.people_to_manage(user=self.request.user),
            view_perm="accounts.manage_people",
            pk=pk,
        )


class PersonView(PersonMixin, TemplateView):
    template_name = "accounts/person.html"

    def get_context_data(self, **kwargs: Any) -> dict:
        person = self.person(kwargs["pk"])
        current = {group.name for group in person.groups.all()}
        roles = [
            (role.value, role.label, role.value in current)
            for role in Role
            if role.value in invitations.roles_to_hand_out(actor=self.request.user)
        ]
        return super().get_context_data(
            person=person,
            roles=roles,
            open_work=open_work_of(person),
            reach=person.reach,
            **kwargs,
        )


class PersonRolesView(PersonMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self.person(pk)
        back = reverse("people:person", kwargs={"pk": pk})
        valid = {role.value for role in Role}
        roles = [r for r in request.POST.getlist("roles") if r in valid]
        try:
            invitations.person_set_roles(
                person=person, roles=roles, actor=request.user, request=request
            )
        except DomainError as error:
            return refuse(request, error.message, back=back)
        messages.success(request, _("The roles are saved."))
        return redirect(back)


class PersonDeactivateView(PersonMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self.person(pk)
        back = reverse("people:person", kwargs={"pk": pk})
        try:
            invitations.person_deactivate(person=person, actor=request.user, request=request)
        except DomainError as error:
            return refuse(request, error.message, back=back)
        messages.success(request, _("%(name)s can no longer log in.") % {"name": person})
        return redirect(back)


class PersonPhoneLoginView(PersonMixin, View):
    """Text a person without an email address a link that logs them in."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self.person(pk)
        back = reverse("people:person", kwargs={"pk": pk})
        try:
            phone_login.phone_login_send(person=person, actor=request.user, request=request)
        except DomainError as error:
            return refuse(request, error.message, back=back)
        messages.success(request, _("The text message with the login link is on its way."))
        return redirect(back)


@method_decorator(rate_limited("accounts.invitation", rate="20/m"), name="dispatch")
class InvitationView(View):
    """From the email: log in with the emailed code, then accept."""

    def _invitation(self, request: HttpRequest, token: str):
        try:
            return invitations.invitation_from_token(token), None
        except DomainError as error:
            return None, refuse(request, error.message, back=reverse("core:home"))

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        invitation, refused = self._invitation(request, token)
        if refused:
            return refused
        return render(
            request,
            "accounts/invitation.html",
            {"invitation": invitation, "role": Role(invitation.role).label, "token": token},
        )

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        invitation, refused = self._invitation(request, token)
        if refused:
            return refused
        back = reverse("people:invitation", kwargs={"token": token})
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_request_login_code')}?next={back}")
        try:
            invitations.invitation_accept(invitation=invitation, user=request.user, request=request)
        except DomainError as error:
            return refuse(request, error.message, back=back)
        messages.success(
            request,
            _("Welcome! You now work in the portal for %(organisation)s.")
            % {"organisation": invitation.organisation.name},
        )
        if invitations.may_sign_for(request.user, invitation.organisation):
            # The contact person completes the organisation's onboarding (the charter).
            return redirect("people:organisation", pk=invitation.organisation_id)
        return redirect("core:dashboard" if request.user.is_house else "core:home")
