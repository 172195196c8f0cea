"""Linking a place of the house to a UiTdatabank place: searched first (Search API, by name and
postal code, as publiq's guide "Finding and reusing existing places" asks), created only when
none is found. Used by the staff page and the `uitdatabank_link_place` command."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction

from huis.audit.services import log_action

from . import client
from .models import Venue

# publiq's place type used in its own guide for a place created through the Entry API.
PLACE_TYPE = "0.8.0.0.0"


@dataclass(frozen=True)
class Address:
    street: str
    postal_code: str
    city: str
    country: str = "BE"


def _lucene(value: str) -> str:
    return '"' + value.replace("\\", " ").replace('"', " ") + '"'


def place_search(*, name: str, postal_code: str) -> list[str]:
    """Ids of existing UiTdatabank places with this name at this postal code."""
    answer = client.search(
        "/places/",
        {"q": f"name.\\*:{_lucene(name)} AND address.\\*.postalCode:{postal_code}"},
    )
    found = []
    for member in (answer.data or {}).get("member") or []:
        at_id = str(member.get("@id") or "")
        if "/places/" in at_id:
            found.append(at_id.rstrip("/").rsplit("/", 1)[-1])
    return found


def _place_body(name: str, address: Address) -> dict:
    return {
        "mainLanguage": "nl",
        "name": {"nl": name},
        "address": {
            "nl": {
                "addressCountry": address.country,
                "addressLocality": address.city,
                "postalCode": address.postal_code,
                "streetAddress": address.street,
            }
        },
        "terms": [{"id": PLACE_TYPE}],
        "calendarType": "permanent",
    }


def venue_link(
    *, key: str, name: str, address: Address, actor: Any = None, request: Any = None
) -> tuple[Venue, bool]:
    """Link `key` ("house", or an outing's place text) to a UiTdatabank place. Returns the venue
    and whether a new place had to be created in UiTdatabank."""
    found = place_search(name=name, postal_code=address.postal_code)
    created = not found
    if found:
        place_id = found[0]
    else:
        answer = client.call("POST", "/places", _place_body(name, address))
        place_id = str((answer.data or {}).get("id") or "")
    with transaction.atomic():
        venue, _new = Venue.objects.update_or_create(
            key=key, defaults={"place_id": place_id, "name": name}
        )
        log_action(
            actor=actor,
            action="uitdatabank.place_linked",
            obj=venue,
            data={"created_in_uitdatabank": created},
            request=request,
        )
    return venue, created
