"""Staff pages of uitdatabank: what is published and how it went; the kinds table."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core.service_views import ServicePostView

from . import selectors, services
from .forms import CategoryMappingForm, PublishForm
from .selectors import State

PERM = "uitdatabank.manage_publishing"


class PublicationListView(PermissionRequiredMixin, TemplateView):
    permission_required = PERM
    template_name = "uitdatabank/publications.html"

    def get_context_data(self, **kwargs):
        states = [
            (State.NOT_PUBLISHED, _("Not published")),
            (State.WAITING, _("Waiting")),
            (State.PUBLISHED, _("Published")),
            (State.FAILED, _("Failed")),
        ]
        state = self.request.GET.get("state", "")
        state = state if state in dict(states) else ""
        return super().get_context_data(
            rows=selectors.publication_rows(user=self.request.user, state=state),
            connection=selectors.connection(user=self.request.user),
            states=states,
            state=state,
            **kwargs,
        )


class SetPublishView(PermissionRequiredMixin, ServicePostView):
    permission_required = PERM
    form_class = PublishForm

    def perform(self, data: dict) -> None:
        services.publication_set_wanted(
            source=self.kwargs["source"],
            pk=self.kwargs["pk"],
            wanted=data["wanted"],
            actor=self.request.user,
            request=self.request,
            whole_series=data["whole_series"],
        )
        self.success_message = (
            _("It will be published in UiTdatabank in a moment.")
            if data["wanted"]
            else _("It will be withdrawn from UiTdatabank in a moment.")
        )

    def get_success_url(self) -> str:
        return reverse("uitdatabank:publications")


class RetryView(ObjectAccessMixin, ServicePostView):
    view_perm = PERM
    success_message = _("It will be sent again in a moment.")

    def get_object_queryset(self):
        return selectors.publications_to_manage(user=self.request.user)

    def perform(self, data: dict) -> None:
        services.publication_retry(
            publication=self.object, actor=self.request.user, request=self.request
        )

    def get_success_url(self) -> str:
        return reverse("uitdatabank:publications")


class MappingListView(PermissionRequiredMixin, TemplateView):
    permission_required = PERM
    template_name = "uitdatabank/mappings.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            mappings=list(selectors.category_mappings(user=user)),
            facilities=selectors.facility_mappings(user=user),
            venues=selectors.venues(user=user),
            connection=selectors.connection(user=user),
            **kwargs,
        )


class MappingUpdateView(ObjectAccessMixin, ServicePostView):
    view_perm = PERM
    form_class = CategoryMappingForm
    success_message = _("Saved.")

    def get_object_queryset(self):
        return selectors.category_mappings(user=self.request.user)

    def perform(self, data: dict) -> None:
        services.category_mapping_update(
            mapping=self.object,
            eventtype_id=data["eventtype_id"],
            theme_id=data["theme_id"],
            publish_by_default=data["publish_by_default"],
            actor=self.request.user,
            request=self.request,
        )

    def get_success_url(self) -> str:
        return reverse("uitdatabank:mappings")
