"""Distances between places: the great-circle (haversine) distance between two approximate town
centres. A road is longer than the straight line, so matching speaks of "about N km"."""

import math
from decimal import Decimal

EARTH_RADIUS_KM = 6371.0


def haversine_km(
    lat1: float | Decimal, lon1: float | Decimal, lat2: float | Decimal, lon2: float | Decimal
) -> float:
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    d_phi = phi2 - phi1
    d_lambda = math.radians(float(lon2) - float(lon1))
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def distance_between(first, second) -> int | None:
    """Whole km between two Region rows, or None when one of them is not known."""
    if first is None or second is None:
        return None
    return round(haversine_km(first.latitude, first.longitude, second.latitude, second.longitude))
