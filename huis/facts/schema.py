"""The house as schema.org data, for every page's JSON-LD that names where it happens."""

from .selectors import Facts, house_facts


def postal_address(facts: Facts) -> dict:
    """schema.org PostalAddress of the house (for every page's JSON-LD that names the place)."""
    return {
        "@type": "PostalAddress",
        "streetAddress": facts.street_line,
        "postalCode": facts.postal_code,
        "addressLocality": facts.municipality,
        "addressCountry": "BE",
    }


def place_json(facts: Facts) -> dict:
    """schema.org Place of the house, with its PostalAddress."""
    return {"@type": "Place", "name": facts.name, "address": postal_address(facts)}


def house_place() -> dict:
    """The house as a schema.org Place (for an activity's or a course session's `location`)."""
    return place_json(house_facts())


def event_location(*, room_name: str = "", outside: str = "") -> dict:
    """Where an activity or a course session happens: a room of the house (or the house itself)
    at the house's PostalAddress, or a place outside the house as its organisers wrote it."""
    if outside:
        return {"@type": "Place", "name": outside, "address": outside}
    place = house_place()
    if room_name:
        place["name"] = f"{place['name']}: {room_name}"
    return place
