"""Welcoming places: kept up to date by partners, published by a coordinator."""

from dataclasses import dataclass, fields
from dataclasses import field as dataclass_field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from huis.accounts.access import organisation_ids
from huis.accounts.models import Organisation
from huis.audit.services import log_action
from huis.core.content_language import Translations, translations_apply

from ..models import WelcomingPlace
from .errors import NetwerkError


@dataclass(frozen=True, kw_only=True)
class PlaceDetails:
    """What a partner tells about a welcoming place (the form's fields, one typed value each)."""

    name: str
    kind: str
    offer: str
    address: str
    municipality: str
    when: str
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    accessibility: str = ""
    wheelchair_accessible: bool = False
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    website: str = ""
    partner: Organisation | None = None
    # French and English of offer, when and accessibility; absent: unchanged.
    translations: Translations = dataclass_field(default_factory=dict)

    def apply_to(self, place: WelcomingPlace) -> None:
        for field in fields(self):
            if field.name != "translations":
                setattr(place, field.name, getattr(self, field.name))
        translations_apply(place, self.translations)


def _unique_slug(name: str, *, exclude: int | None = None) -> str:
    base = slugify(name)[:150] or "plek"
    slug, n = base, 2
    while WelcomingPlace.objects.filter(slug=slug).exclude(pk=exclude).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _clean_place(place: WelcomingPlace, actor: Any) -> None:
    if (place.latitude is None) != (place.longitude is None):
        raise NetwerkError(_("Give both coordinates, or neither."), field="latitude")
    own = organisation_ids(actor)
    if place.partner_id and not actor.is_coordinator and place.partner_id not in own:
        raise NetwerkError(
            _("You can only name your own organisation as the partner."), field="partner"
        )


@transaction.atomic
def place_create(
    *, actor: Any, details: PlaceDetails, request: HttpRequest | None = None
) -> WelcomingPlace:
    place = WelcomingPlace()
    details.apply_to(place)
    _clean_place(place, actor)
    place.slug = _unique_slug(place.name)
    place.save()
    log_action(actor=actor, action="netwerk.place_created", obj=place, request=request)
    return place


@transaction.atomic
def place_update(
    *,
    place: WelcomingPlace,
    actor: Any,
    details: PlaceDetails,
    request: HttpRequest | None = None,
) -> WelcomingPlace:
    details.apply_to(place)
    _clean_place(place, actor)
    place.save()
    log_action(
        actor=actor,
        action="netwerk.place_changed",
        obj=place,
        data={"fields": sorted(field.name for field in fields(details))},
        request=request,
    )
    return place


@transaction.atomic
def place_set_published(
    *, place: WelcomingPlace, published: bool, actor: Any, request: HttpRequest | None = None
):
    place.is_published = published
    place.save(update_fields=["is_published", "updated_at"])
    log_action(
        actor=actor,
        action="netwerk.place_published" if published else "netwerk.place_unpublished",
        obj=place,
        request=request,
    )
    return place


def map_tile_host() -> str:
    """The host of the configured map tiles (for the CSP), or "" when no tiles are configured."""
    from urllib.parse import urlsplit

    url = getattr(settings, "MAP_TILE_URL", "")
    return urlsplit(url).netloc.split("@")[-1] if url else ""
