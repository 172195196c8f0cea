"""Shared view helpers: the same access rules on every page of kwartiermaken."""

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core.service_views import ServicePostView, apply_service_error, int_or_none

__all__ = [
    "ObjectAccessMixin",
    "PermissionRequiredMixin",
    "ServicePostView",
    "apply_service_error",
    "int_or_none",
]
