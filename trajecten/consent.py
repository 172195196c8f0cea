"""The family's consent lives in netwerk; trajecten asks netwerk whether it still stands."""

from django.db.models import Q

from netwerk.selectors import consent_is_active

__all__ = ["active_consent_q", "consent_is_active"]


def active_consent_q(prefix: str = "consent") -> Q:
    """The same rule as netwerk's selector, as a filter for lists (no query per row)."""
    return Q(**{f"{prefix}__withdrawal__isnull": True})
