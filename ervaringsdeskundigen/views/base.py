"""What the pages of ervaringsdeskundigen share: the coordinators' permission and one POST view
per change (`huis.core.service_views.ServicePostView`: a refused change answers the shared
refused page with a 4xx). Objects come through `ObjectAccessMixin`.
"""

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core.service_views import ServicePostView, apply_service_error, refuse


class CoordinatorMixin(PermissionRequiredMixin):
    permission_required = "ervaringsdeskundigen.manage"


__all__ = [
    "CoordinatorMixin",
    "ObjectAccessMixin",
    "PermissionRequiredMixin",
    "ServicePostView",
    "apply_service_error",
    "refuse",
]
