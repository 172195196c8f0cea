"""Shared view helpers: the same access rules on every page of the network.

`ServicePostView` is the core's: it shows any `DomainError` (a `NetwerkError`, or `Busy` when
someone else holds the row) as a message. Form views catch `DomainError` the same way."""

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core.service_views import ServicePostView, apply_service_error, int_or_none

__all__ = [
    "ObjectAccessMixin",
    "PermissionRequiredMixin",
    "ServicePostView",
    "apply_service_error",
    "int_or_none",
]
