"""Shared view helpers: the same access rules on every page of trajecten."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views import View

from huis.accounts.access import fetch_for
from huis.accounts.mixins import PermissionRequiredMixin

from ..services import TrajectenError


class ObjectAccessMixin:
    """Anonymous -> login; someone who may not see the object -> 404; may see, not change -> 403."""

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
    """A POST-only view: validate a small form, call one service, turn its error into a message."""

    http_method_names = ["post"]
    success_message: Any = ""
    form_class: Any = None

    def perform(self, data: dict) -> None:
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        data: dict = {}
        if self.form_class is not None:
            form = self.form_class(request.POST)
            if not form.is_valid():
                for errors in form.errors.values():
                    for error in errors:
                        messages.error(request, error)
                return redirect(self.get_success_url())
            data = form.cleaned_data
        try:
            self.perform(data)
        except TrajectenError as error:
            messages.error(request, error.message)
        else:
            if self.success_message:
                messages.success(request, self.success_message)
        return redirect(self.get_success_url())


def apply_service_error(form: Any, error: TrajectenError) -> None:
    """Show a service's refusal next to the field it is about, or above the form."""
    field = error.field if error.field in getattr(form, "fields", {}) else None
    form.add_error(field, error.message)


__all__ = [
    "ObjectAccessMixin",
    "PermissionRequiredMixin",
    "ServicePostView",
    "apply_service_error",
]
