"""View mixins that apply the rules of huis.accounts.access the same way on every page."""

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from rules.contrib.views import PermissionRequiredMixin as RulesPermissionRequiredMixin

from .access import fetch_for


class PermissionRequiredMixin(RulesPermissionRequiredMixin):
    """Anonymous people are sent to log in; logged-in people without the permission get 403."""

    def handle_no_permission(self):
        if not self.request.user.is_authenticated:
            return redirect_to_login(self.request.get_full_path())
        raise PermissionDenied


class ObjectAccessMixin:
    """Anonymous -> login; someone who may not see the object -> 404; may see, not change -> 403.

    `get_object_queryset()` comes from a selector already narrowed to the user, so an object of
    another person or organisation is not found at all; the rules check it a second time
    (huis.accounts.access.fetch_for).
    """

    view_perm: str
    change_perm: str | None = None
    object: Any

    def get_object_queryset(self) -> QuerySet:
        raise NotImplementedError

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.object = fetch_for(
            request.user,
            self.get_object_queryset(),
            view_perm=self.view_perm,
            change_perm=self.change_perm,
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)
