"""Shared view helpers: the same access rules on every page of the network."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views import View

from huis.accounts.access import fetch_for
from huis.accounts.mixins import PermissionRequiredMixin

from ..services import NetwerkError


class ObjectAccessMixin:
    """Anonymous -> login; may not see the object -> 404; may see, not change -> 403.

    The queryset comes from a selector already narrowed to the user; the rules check again.
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


class ServicePostView(View):
    """A POST-only view that calls one service and turns its error into a message."""

    http_method_names = ["post"]
    success_message: Any = ""

    def perform(self) -> None:
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            self.perform()
        except NetwerkError as error:
            messages.error(request, error.message)
        else:
            if self.success_message:
                messages.success(request, self.success_message)
        return redirect(self.get_success_url())


def apply_service_error(form: Any, error: NetwerkError) -> None:
    """Show a service's refusal next to the field it is about, or above the form."""
    field = error.field if error.field in getattr(form, "fields", {}) else None
    form.add_error(field, error.message)


def int_or_none(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else None


__all__ = [
    "ObjectAccessMixin",
    "PermissionRequiredMixin",
    "ServicePostView",
    "apply_service_error",
    "int_or_none",
]
