"""Shared view helpers: the same access rules on every page of beeldvorming."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views import View

from huis.accounts.access import fetch_for
from huis.accounts.mixins import PermissionRequiredMixin

from ..services import BeeldvormingError


class ObjectAccessMixin:
    """Anonymous -> login; someone who may not see the object -> 404; may see, not change -> 403."""

    queryset: QuerySet
    view_perm: str
    change_perm: str | None = None
    object: Any

    def get_queryset(self) -> QuerySet:
        return self.queryset

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.object = fetch_for(
            request.user,
            self.get_queryset(),
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
        except BeeldvormingError as error:
            messages.error(request, error.message)
        else:
            if self.success_message:
                messages.success(request, self.success_message)
        return redirect(self.get_success_url())


__all__ = ["ObjectAccessMixin", "PermissionRequiredMixin", "ServicePostView"]
