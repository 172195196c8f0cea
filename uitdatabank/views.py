"""Staff pages of uitdatabank: what is published and how it went; the kinds table."""

from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core.errors import DomainError
from huis.core.pagecache import CSRF_MARK, with_token
from huis.core.service_views import ServicePostView

from . import client, organizers, selectors, services, venues
from .forms import (
    CategoryMappingForm,
    OrganizerChooseForm,
    OrganizerCreateForm,
    OrganizerSearchForm,
    PlaceLinkForm,
    PublishForm,
)
from .selectors import State

PERM = "uitdatabank.manage_publishing"


# Rows on one page of the publishing list: the busiest weeks of a year hold a few hundred.
PER_PAGE = 50


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
        number = _page_number(self.request.GET.get("page"))
        extra_query = urlencode({"state": state}) if state else ""

        def draw() -> str:
            return render_to_string(
                "uitdatabank/_publication_table.html",
                {**self._table(state, number), "extra_query": extra_query, "csrf_token": CSRF_MARK},
            )

        # The rows of one page, drawn once a minute at most and at once after any change of what
        # they show (the programme, the courses, a publication, its outbox, the kinds' defaults).
        table = (
            selectors.TABLE.get_or_set(get_language(), state, number, compute=draw)
            if number <= KEPT_PAGES
            else draw()
        )
        return super().get_context_data(
            table=mark_safe(with_token(table, self.request)),  # our own template
            connection=selectors.connection(user=self.request.user),
            states=states,
            state=state,
            **kwargs,
        )

    def _table(self, state: str, number: int) -> dict:
        # A page number past the end shows the last page, never an error.
        if state:
            # Only the rows in that state: each item's state decides, so all are looked at.
            rows = selectors.publication_rows(user=self.request.user, state=state)
            page = Paginator(rows, PER_PAGE).get_page(number)
        else:
            # Everything coming: one page of the list, and the states of that page alone.
            pages = selectors.UpcomingPages(PER_PAGE)
            pages.fetch(str(number))
            page = Paginator(pages, PER_PAGE).get_page(number)
            page.object_list = selectors.publication_rows(
                user=self.request.user, listed=page.object_list
            )
        return {"rows": page.object_list, "page_obj": page}


# Pages of the list kept in the cache: a year's list is a few pages; a higher number (typed by
# hand) is drawn each time, so the kept pages stay few.
KEPT_PAGES = 50


def _page_number(value: str | None) -> int:
    """The page asked for; a value that is not a page number is the first page."""
    try:
        return max(int(value or 1), 1)
    except ValueError:
        return 1


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


def _api(action):
    """Run one request to UiTdatabank; an error answer becomes a refusal staff can read."""
    if not client.is_configured():
        raise DomainError(
            _("UiTdatabank is not connected yet: the client id and secret are missing.")
        )
    try:
        return action()
    except client.ApiError as error:
        raise DomainError(
            _("UiTdatabank did not accept it: %(reason)s") % {"reason": error.message}
        ) from None


class ConnectView(PermissionRequiredMixin, TemplateView):
    """Choose or create the house's organizer, link the house's place."""

    permission_required = PERM
    template_name = "uitdatabank/connect.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        form = OrganizerSearchForm(self.request.GET or None)
        found, error, searched = [], "", False
        if form.is_bound and form.is_valid() and form.cleaned_data["name"].strip():
            searched = True
            try:
                found = _api(lambda: organizers.organizer_search(name=form.cleaned_data["name"]))
            except DomainError as refusal:
                error = refusal.message
        return super().get_context_data(
            form=form,
            found=found,
            searched=searched,
            search_error=error,
            venues=selectors.venues(user=user),
            connection=selectors.connection(user=user),
            **kwargs,
        )


class OrganizerChooseView(PermissionRequiredMixin, ServicePostView):
    permission_required = PERM
    form_class = OrganizerChooseForm
    success_message = _("This organizer is now the house's organizer in UiTdatabank.")

    def perform(self, data: dict) -> None:
        organizers.organizer_choose(
            organizer_id=data["organizer_id"],
            name=data["name"],
            actor=self.request.user,
            request=self.request,
        )

    def get_success_url(self) -> str:
        return reverse("uitdatabank:connect")


class OrganizerCreateView(PermissionRequiredMixin, ServicePostView):
    permission_required = PERM
    form_class = OrganizerCreateForm
    success_message = _("The organizer was made in UiTdatabank and chosen for the house.")

    def perform(self, data: dict) -> None:
        _api(
            lambda: organizers.organizer_create(
                name=data["name"], url=data["url"], actor=self.request.user, request=self.request
            )
        )

    def get_success_url(self) -> str:
        return reverse("uitdatabank:connect")


class PlaceLinkView(PermissionRequiredMixin, ServicePostView):
    """The house's rooms as one UiTdatabank place: an existing one is reused, else it is made."""

    permission_required = PERM
    form_class = PlaceLinkForm

    def perform(self, data: dict) -> None:
        _venue, created = _api(
            lambda: venues.venue_link(
                key="house",
                name=data["name"],
                address=venues.Address(data["street"], data["postal_code"], data["city"]),
                actor=self.request.user,
                request=self.request,
            )
        )
        self.success_message = (
            _("The place was made in UiTdatabank and linked to the house.")
            if created
            else _("The place was found in UiTdatabank and linked to the house.")
        )

    def get_success_url(self) -> str:
        return reverse("uitdatabank:connect")
