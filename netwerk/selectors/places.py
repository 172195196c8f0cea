"""Reads of welcoming places: the public list and map, and the places a worker manages."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from huis.accounts.access import is_coordinator, organisation_ids

from ..models import WelcomingPlace
from ..models.places import PlaceKind
from ..permissions import is_worker


@dataclass(frozen=True)
class PlaceFilter:
    kind: str = ""
    municipality: str = ""
    query: str = ""
    wheelchair: bool = False


def published_places(*, filters: PlaceFilter | None = None) -> QuerySet[WelcomingPlace]:
    filters = filters or PlaceFilter()
    queryset = WelcomingPlace.objects.filter(is_published=True).select_related("partner")
    if filters.kind in PlaceKind.values:
        queryset = queryset.filter(kind=filters.kind)
    if filters.municipality:
        queryset = queryset.filter(municipality__iexact=filters.municipality)
    if filters.query:
        queryset = queryset.filter(
            Q(name__icontains=filters.query) | Q(offer__icontains=filters.query)
        )
    if filters.wheelchair:
        queryset = queryset.filter(wheelchair_accessible=True)
    return queryset.order_by("name", "pk")


def municipalities() -> list[str]:
    return list(
        WelcomingPlace.objects.filter(is_published=True)
        .order_by("municipality")
        .values_list("municipality", flat=True)
        .distinct()
    )


def places_to_manage(*, user: Any) -> QuerySet[WelcomingPlace]:
    queryset = WelcomingPlace.objects.select_related("partner").order_by("name", "pk")
    if is_coordinator.test(user):
        return queryset
    if not is_worker.test(user):
        return queryset.none()
    return queryset.filter(partner__in=organisation_ids(user))


def map_points(places) -> list[dict]:
    """What the map script needs, as data (json_script): no personal data, only the place."""
    return [
        {
            "name": p.name,
            "lat": float(p.latitude),
            "lng": float(p.longitude),
            "url": p.get_absolute_url(),
            "kind": str(p.get_kind_display()),
        }
        for p in places
        if p.latitude is not None and p.longitude is not None
    ]
