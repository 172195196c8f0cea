"""Shared view helpers: the same access rules on every page of beeldvorming."""

from django.db.models import QuerySet

from huis.accounts import mixins
from huis.accounts.mixins import PermissionRequiredMixin
from huis.core.service_views import ServicePostView


class ObjectAccessMixin(mixins.ObjectAccessMixin):
    """The object comes from `queryset` (or `get_queryset()`), narrowed to the user."""

    queryset: QuerySet

    def get_queryset(self) -> QuerySet:
        return self.queryset

    def get_object_queryset(self) -> QuerySet:
        return self.get_queryset()


__all__ = ["ObjectAccessMixin", "PermissionRequiredMixin", "ServicePostView"]
