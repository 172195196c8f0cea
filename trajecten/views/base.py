"""Shared view helpers: the same access rules on every page of trajecten."""

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core import service_views
from huis.core.service_views import apply_service_error

from ..services import TrajectenError


class ServicePostView(service_views.ServicePostView):
    service_error = TrajectenError


__all__ = ["ObjectAccessMixin", "PermissionRequiredMixin", "ServicePostView", "apply_service_error"]
