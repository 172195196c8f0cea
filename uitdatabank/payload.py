"""The request bodies for the Entry API, built from an `Item` and the mapping tables, in the
shapes of publiq's JSON schemas (vendored in uitdatabank/schemas/, checked by the tests).

mainLanguage is nl; every localized field carries each language the item has a text in (the
house's models have Dutch only today, content translations are another issue: the sender already
sends every language an Item carries). A weekly series is one event with `calendarType`
"multiple": each date is a subEvent with its own status (a cancelled date is Unavailable, never
left out) and its own places left.
"""

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CategoryMapping, FacilityMapping, Venue
from .organizers import current_organizer_id
from .sources import Item, Session

MAIN_LANGUAGE = "nl"
NAME_MAX = 90

# The fixed words the portal sends with every event, per language.
BASE_PRICE = {"nl": "Basistarief", "fr": "Tarif de base", "en": "Base price"}
URL_LABEL = {
    "nl": "Meer info en inschrijven",
    "fr": "Plus d'infos et inscription",
    "en": "More info and sign up",
}


class NotReady(Exception):
    """The event cannot be sent yet; the message tells staff what to set up first."""


def _iso(moment) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def place_url(place_id: str) -> str:
    return f"{settings.UITDATABANK_API_URL.rstrip('/')}/places/{place_id}"


def organizer_url(organizer_id: str) -> str:
    return f"{settings.UITDATABANK_API_URL.rstrip('/')}/organizers/{organizer_id}"


def _localized(item: Item, texts: dict[str, str]) -> dict[str, str]:
    """`texts` in every language the item has a name in (Dutch always)."""
    return {language: texts[language] for language in item.names if language in texts}


def availability_type(item: Item) -> str:
    return "Unavailable" if item.full else "Available"


def _sub_availability(session: Session) -> dict[str, Any]:
    """Places left when the house counts places (publiq derives the type from it: the schema
    accepts either, not both), else only whether there is room."""
    if session.capacity is None:
        return {"type": "Unavailable" if session.places_left == 0 else "Available"}
    return {"capacity": session.capacity, "remainingCapacity": session.places_left}


def _session_status(session: Session) -> dict[str, Any]:
    """One date: happening (Available) or cancelled (Unavailable, with the reason in Dutch)."""
    if not session.cancelled:
        return {"type": "Available"}
    body: dict[str, Any] = {"type": "Unavailable"}
    if session.cancel_reason.strip():
        body["reason"] = {MAIN_LANGUAGE: session.cancel_reason.strip()}
    return body


def _terms(item: Item) -> list[dict[str, str]]:
    mapping = CategoryMapping.objects.filter(key=item.kind_key).first()
    if mapping is None or not mapping.eventtype_id:
        raise NotReady(
            _("Choose a UiTdatabank event type for “%(kind)s” first.") % {"kind": item.kind_key}
        )
    # Each term names its domain: publiq's schema (event-terms.json) counts the items without a
    # domain as event types, and allows exactly one.
    terms = [{"id": mapping.eventtype_id, "domain": "eventtype"}]
    if mapping.theme_id:
        terms.append({"id": mapping.theme_id, "domain": "theme"})
    if item.facilities:
        terms += [
            {"id": term_id, "domain": "facility"}
            for term_id in FacilityMapping.objects.filter(field__in=item.facilities)
            .exclude(term_id="")
            .order_by("field")
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
        "name": {language: name[:NAME_MAX] for language, name in item.names.items()},
        "description": dict(item.descriptions),
        "calendarType": "single" if len(item.sessions) == 1 else "multiple",
        "subEvent": [
            {
                "id": index,
                "startDate": _iso(session.starts_at),
                "endDate": _iso(session.ends_at),
                "status": _session_status(session),
                "bookingAvailability": _sub_availability(session),
            }
            for index, session in enumerate(item.sessions)
        ],
        "location": _location(item),
        "terms": _terms(item),
        "audience": {"audienceType": "everyone"},
        "priceInfo": [
            {
                "category": "base",
                "price": float(item.price),
                "priceCurrency": "EUR",
                "name": _localized(item, BASE_PRICE),
            }
        ],
        "bookingInfo": {"url": item.url, "urlLabel": _localized(item, URL_LABEL)},
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
    """The event as a whole: Unavailable only when every date is cancelled (one cancelled date
    of a series is that subEvent's status)."""
    if not item.cancelled:
        return {"type": "Available"}
    body: dict[str, Any] = {"type": "Unavailable"}
    if item.cancel_reason:
        body["reason"] = {MAIN_LANGUAGE: item.cancel_reason}
    return body


def availability_body(item: Item) -> list[dict[str, Any]]:
    """PATCH /events/{id}/sub-events: places left on every date."""
    return [
        {"id": index, "bookingAvailability": _sub_availability(session)}
        for index, session in enumerate(item.sessions)
    ]
