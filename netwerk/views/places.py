"""Welcoming places: the public list (the complete content, no JavaScript needed), a place's
page and the map (an extra); and the pages where workers keep them up to date."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from huis.accounts.access import organisation_ids
from huis.accounts.models import Organisation
from huis.core.errors import DomainError
from huis.core.share import share_meta

from .. import selectors, services
from ..forms import PlaceForm
from ..models.places import PlaceKind
from .base import ObjectAccessMixin, PermissionRequiredMixin, ServicePostView, apply_service_error


def place_filter_from(request) -> selectors.PlaceFilter:
    kind = request.GET.get("wat", "")
    return selectors.PlaceFilter(
        kind=kind if kind in PlaceKind.values else "",
        municipality=request.GET.get("waar", "")[:80],
        query=request.GET.get("zoek", "")[:100],
        wheelchair=request.GET.get("rolstoel") == "1",
    )


class PlaceListView(TemplateView):
    template_name = "netwerk/place_list.html"

    def get_context_data(self, **kwargs):
        filters = place_filter_from(self.request)
        query = self.request.GET.copy()
        return super().get_context_data(
            filters=filters,
            places=list(selectors.published_places(filters=filters)[:500]),
            kinds=PlaceKind.choices,
            municipalities=selectors.municipalities(),
            filter_query=query.urlencode(),
            share=share_meta(
                self.request,
                title=_("Welcoming places"),
                description=_(
                    "Clubs, associations and shops in the neighbourhood where you are welcome."
                ),
            ),
            **kwargs,
        )


class PlaceMapView(PlaceListView):
    """The same places as the list, on a map. Leaflet is served from our own static files; tiles
    only when MAP_TILE_URL is set, otherwise a plain local background."""

    template_name = "netwerk/place_map.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            points=selectors.map_points(context["places"]),
            map_config={
                "tileUrl": settings.MAP_TILE_URL,
                "attribution": settings.MAP_TILE_ATTRIBUTION,
                "iconUrl": static("netwerk/vendor/leaflet/images/marker-icon.png"),
                "iconRetinaUrl": static("netwerk/vendor/leaflet/images/marker-icon-2x.png"),
                "shadowUrl": static("netwerk/vendor/leaflet/images/marker-shadow.png"),
                # Leaflet's own controls speak the page's language (issue 22).
                "labels": {
                    "zoomIn": _("Zoom in"),
                    "zoomOut": _("Zoom out"),
                    "closePopup": _("Close"),
                },
            },
        )
        return context


class PlaceDetailView(TemplateView):
    template_name = "netwerk/place_detail.html"

    def get_context_data(self, **kwargs):
        place = selectors.published_places().filter(slug=self.kwargs["slug"]).first()
        if place is None:
            raise Http404
        return super().get_context_data(
            place=place,
            share=share_meta(
                self.request,
                title=place.name,
                description=" · ".join(
                    p
                    for p in (place.when, f"{place.address}, {place.municipality}", place.offer)
                    if p
                ),
                type="article",
                path=place.get_absolute_url(),
            ),
            **kwargs,
        )


class PlaceManageView(PermissionRequiredMixin, TemplateView):
    permission_required = "netwerk.manage_places"
    template_name = "netwerk/place_manage.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            places=list(selectors.places_to_manage(user=self.request.user)), **kwargs
        )


def _partners_for(user):
    if user.has_perm("netwerk.publish_place"):
        return selectors.network_organisations()
    return Organisation.objects.filter(pk__in=organisation_ids(user)).order_by("name")


class PlaceCreateView(PermissionRequiredMixin, FormView):
    permission_required = "netwerk.manage_places"
    template_name = "netwerk/place_form.html"
    form_class = PlaceForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "partners": _partners_for(self.request.user)}

    def form_valid(self, form):
        try:
            services.place_create(
                actor=self.request.user, details=form.place_details(), request=self.request
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Saved. A coordinator publishes it on the list of welcoming places.")
        )
        return redirect("netwerk:place_manage")


class PlaceUpdateView(ObjectAccessMixin, FormView):
    view_perm = "netwerk.change_place"
    template_name = "netwerk/place_form.html"
    form_class = PlaceForm

    def get_object_queryset(self):
        return selectors.places_to_manage(user=self.request.user)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.object,
            "partners": _partners_for(self.request.user),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(place=self.object, **kwargs)

    def form_valid(self, form):
        details = form.place_details()
        self.object.refresh_from_db()
        try:
            services.place_update(
                place=self.object, actor=self.request.user, details=details, request=self.request
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect("netwerk:place_manage")


class PlacePublishView(ObjectAccessMixin, ServicePostView):
    view_perm = "netwerk.change_place"
    change_perm = "netwerk.publish_place"

    def get_object_queryset(self):
        return selectors.places_to_manage(user=self.request.user)

    def perform(self, data: dict) -> None:
        publish = self.request.POST.get("publish") != "0"
        services.place_set_published(
            place=self.object, published=publish, actor=self.request.user, request=self.request
        )
        self.success_message = _("Published.") if publish else _("Taken off the list.")

    def get_success_url(self):
        return reverse("netwerk:place_manage")
