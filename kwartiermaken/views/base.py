"""Shared view helpers: the same access rules on every page of kwartiermaken."""

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core import service_views
from huis.core.service_views import apply_service_error, int_or_none

from ..services import KwartiermakenError


class ServicePostView(service_views.ServicePostView):
    service_error = KwartiermakenError


__all__ = [
    "ObjectAccessMixin",
    "PermissionRequiredMixin",
    "ServicePostView",
    "apply_service_error",
    "int_or_none",
]
