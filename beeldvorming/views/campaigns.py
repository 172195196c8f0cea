"""Staff pages for campaigns, their actions and their materials."""

from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, ListView, TemplateView, View

from huis.core.errors import DomainError

from .. import services
from ..forms import ActionForm, CampaignForm, MaterialForm
from ..models import CampaignAction, CampaignMaterial
from ..selectors import campaign_with_details, campaigns_for, campaigns_to_manage
from ..uploads import CONTENT_TYPES
from .base import ObjectAccessMixin, PermissionRequiredMixin, ServicePostView


class CampaignListView(PermissionRequiredMixin, ListView):
    permission_required = "beeldvorming.manage_campaigns"
    template_name = "beeldvorming/campaign_list.html"
    context_object_name = "campaigns"
    paginate_by = 50

    def get_queryset(self):
        return campaigns_for(user=self.request.user)


class CampaignFormMixin(PermissionRequiredMixin):
    permission_required = "beeldvorming.manage_campaigns"
    template_name = "beeldvorming/campaign_form.html"
    form_class = CampaignForm


class CampaignCreateView(CampaignFormMixin, FormView):
    def form_valid(self, form):
        data = form.cleaned_data
        campaign = services.campaign_create(
            actor=self.request.user,
            name=data["name"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            goals=data["goals"],
            target_audiences=data["target_audiences"],
            translations=form.translations(),
        )
        messages.success(self.request, _("The campaign is saved."))
        return redirect(campaign)


class CampaignChildMixin(PermissionRequiredMixin, ObjectAccessMixin):
    """A page of one campaign, or under it: the campaign comes from the URL.

    Running campaigns is a role, not a relation to one campaign: the house's people run them all,
    and the campaign pages are on the staff dashboard, so their existence is no secret. The role
    is checked first (anonymous -> login, anyone else -> 403, as on the campaign list); only then
    is the campaign fetched through the selector narrowed to the user (404 when there is none).
    """

    permission_required = "beeldvorming.manage_campaigns"
    view_perm = "beeldvorming.manage_campaigns"

    def get_object_queryset(self):
        return campaigns_to_manage(user=self.request.user)

    @property
    def campaign(self):
        return self.object

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.campaign, **kwargs)


class CampaignDetailView(CampaignChildMixin, TemplateView):
    template_name = "beeldvorming/campaign_detail.html"

    def get_object_queryset(self):
        return campaign_with_details(user=self.request.user)


class CampaignUpdateView(CampaignChildMixin, FormView):
    template_name = "beeldvorming/campaign_form.html"
    form_class = CampaignForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.campaign}

    def form_valid(self, form):
        try:
            data = form.cleaned_data
            services.campaign_update(
                campaign=self.campaign,
                actor=self.request.user,
                name=data["name"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                goals=data["goals"],
                target_audiences=data["target_audiences"],
                translations=form.translations(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The campaign is saved."))
        return redirect(self.campaign)


def _action_arguments(data: dict) -> dict:
    """The action form's fields, named one by one for the service."""
    return {
        "kind": data["kind"],
        "date": data["date"],
        "place": data["place"],
        "audience": data["audience"],
        "people_reached": data["people_reached"],
        "notes": data["notes"],
        "follow_up": data["follow_up"],
        "experts": data["experts"],
    }


class ActionCreateView(CampaignChildMixin, FormView):
    template_name = "beeldvorming/action_form.html"
    form_class = ActionForm

    def form_valid(self, form):
        try:
            services.action_create(
                **_action_arguments(form.cleaned_data),
                campaign=self.campaign,
                actor=self.request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The action is saved."))
        return redirect(self.campaign)


class ActionUpdateView(ObjectAccessMixin, FormView):
    queryset = CampaignAction.objects.select_related("campaign")
    view_perm = "beeldvorming.manage_campaigns"
    template_name = "beeldvorming/action_form.html"
    form_class = ActionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(campaign=self.object.campaign, action=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.action_update(
                **_action_arguments(form.cleaned_data),
                action=self.object,
                actor=self.request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The action is saved."))
        return redirect(self.object.campaign)


class MaterialCreateView(CampaignChildMixin, FormView):
    template_name = "beeldvorming/material_form.html"
    form_class = MaterialForm

    def form_valid(self, form):
        try:
            services.material_add(
                campaign=self.campaign,
                actor=self.request.user,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except DomainError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The file is uploaded."))
        return redirect(self.campaign)


class MaterialDownloadView(ObjectAccessMixin, View):
    """The only way to a material: checked for this person, never a public /media/ address."""

    queryset = CampaignMaterial.objects.select_related("campaign")
    view_perm = "beeldvorming.view_material"

    def get(self, request, *args, **kwargs):
        material = self.object
        response = FileResponse(
            material.file.open("rb"),
            as_attachment=True,
            filename=material.original_name,
            content_type=CONTENT_TYPES[material.file_kind],
        )
        return response


class MaterialDeleteView(ObjectAccessMixin, ServicePostView):
    queryset = CampaignMaterial.objects.select_related("campaign")
    view_perm = "beeldvorming.manage_campaigns"
    success_message = _("The file is deleted.")

    def perform(self, data: dict) -> None:
        self.campaign = self.object.campaign
        services.material_delete(material=self.object, actor=self.request.user)

    def get_success_url(self) -> str:
        return self.campaign.get_absolute_url()
