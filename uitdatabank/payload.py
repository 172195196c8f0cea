"""The request bodies for the Entry API, built from an `Item` and the mapping tables, in the
shapes of publiq's JSON schemas (vendored in uitdatabank/schemas/, checked by the tests).

Only the Dutch text exists today (content translations are another issue): mainLanguage is nl
and every localized field carries nl; when the models gain languages, they are added here.
"""

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CategoryMapping, FacilityMapping, Venue
from .organizers import current_organizer_id
from .sources import Item

MAIN_LANGUAGE = "nl"
NAME_MAX = 90


class NotReady(Exception):
    """The event cannot be sent yet; the message tells staff what to set up first."""


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def place_url(place_id: str) -> str:
    return f"{settings.UITDATABANK_API_URL.rstrip('/')}/places/{place_id}"


def organizer_url(organizer_id: str) -> str:
    return f"{settings.UITDATABANK_API_URL.rstrip('/')}/organizers/{organizer_id}"


def availability_type(item: Item) -> str:
    return "Unavailable" if item.places_left == 0 else "Available"


def _sub_availability(item: Item) -> dict[str, Any]:
    """Places left when the house counts places (publiq derives the type from it: the schema
    accepts either, not both), else only whether there is room."""
    if item.capacity is None:
        return {"type": availability_type(item)}
    return {"capacity": item.capacity, "remainingCapacity": item.places_left}


def _terms(item: Item) -> list[dict[str, str]]:
    mapping = CategoryMapping.objects.filter(key=item.kind_key).first()
    if mapping is None or not mapping.eventtype_id:
        raise NotReady(
            _("Choose a UiTdatabank event type for “%(kind)s” first.") % {"kind": item.kind_key}
        )
    terms = [{"id": mapping.eventtype_id}]
    if mapping.theme_id:
        terms.append({"id": mapping.theme_id})
    if item.facilities:
        terms += [
            {"id": term_id}
            for term_id in FacilityMapping.objects.filter(field__in=item.facilities)
            .exclude(term_id="")
            .values_list("term_id", flat=True)
        ]
    return terms


def _location(item: Item) -> dict[str, str]:
    venue = Venue.objects.filter(key=item.place_key).first() if item.place_key else None
    if venue is None:
        raise NotReady(
            _("Link a UiTdatabank place to “%(place)s” first.")
            % {"place": item.place_label or item.place_key or "?"}
        )
    return {"@id": place_url(venue.place_id)}


def event_body(item: Item, *, create: bool) -> dict[str, Any]:
    """The whole event: for POST /events (create) and PUT /events/{id} (update)."""
    body: dict[str, Any] = {
        "mainLanguage": MAIN_LANGUAGE,
        "name": {MAIN_LANGUAGE: item.title[:NAME_MAX]},
        "description": {MAIN_LANGUAGE: item.description},
        "calendarType": "single" if len(item.sessions) == 1 else "multiple",
        "subEvent": [
            {
                "startDate": _iso(start),
                "endDate": _iso(end),
                "bookingAvailability": _sub_availability(item),
            }
            for start, end in item.sessions
        ],
        "location": _location(item),
        "terms": _terms(item),
        "audience": {"audienceType": "everyone"},
        "priceInfo": [
            {
                "category": "base",
                "price": float(item.price),
                "priceCurrency": "EUR",
                "name": {MAIN_LANGUAGE: "Basistarief"},
            }
        ],
        "bookingInfo": {"url": item.url, "urlLabel": {MAIN_LANGUAGE: "Meer info en inschrijven"}},
        "bookingAvailability": {"type": availability_type(item)},
        "status": status_body(item),
    }
    organizer_id = current_organizer_id()
    if organizer_id:
        body["organizer"] = {"@id": organizer_url(organizer_id)}
    if create:
        # Visible at once on UiTinVlaanderen and most calendars, as publiq recommends.
        body["workflowStatus"] = "READY_FOR_VALIDATION"
    return body


def status_body(item: Item) -> dict[str, Any]:
    if not item.cancelled:
        return {"type": "Available"}
    body: dict[str, Any] = {"type": "Unavailable"}
    if item.cancel_reason.strip():
        body["reason"] = {MAIN_LANGUAGE: item.cancel_reason.strip()}
    return body


def availability_body(item: Item) -> list[dict[str, Any]]:
    """PATCH /events/{id}/sub-events: places left on every date."""
    return [
        {"id": index, "bookingAvailability": _sub_availability(item)}
        for index in range(len(item.sessions))
    ]
