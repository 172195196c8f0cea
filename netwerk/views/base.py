"""Shared view helpers: the same access rules on every page of the network."""

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core import service_views
from huis.core.service_views import apply_service_error, int_or_none

from ..services import NetwerkError


class ServicePostView(service_views.ServicePostView):
    service_error = NetwerkError


__all__ = [
    "ObjectAccessMixin",
    "PermissionRequiredMixin",
    "ServicePostView",
    "apply_service_error",
    "int_or_none",
]
