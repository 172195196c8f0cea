"""Shared view helpers: the core's access mixins and POST view, and the acting volunteer."""

from django.core.exceptions import PermissionDenied

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core.service_views import ServicePostView, apply_service_error

from .. import selectors

__all__ = [
    "ObjectAccessMixin",
    "PermissionRequiredMixin",
    "ServicePostView",
    "VolunteerMixin",
    "apply_service_error",
]


class VolunteerMixin(PermissionRequiredMixin):
    """A page of an active volunteer; `self.volunteer` is their profile."""

    permission_required = "vrijwilligers.take_shifts"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.volunteer = selectors.volunteer_of(request.user)
            if self.volunteer is None and request.user.has_perm(self.permission_required):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
