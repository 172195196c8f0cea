"""What the pages of ervaringsdeskundigen share: the coordinators' permission and one POST view
per change, built on the core's (`huis.core.service_views.ServicePostView`).

A refused change answers with the shared refused page (`huis.core.service_views.refuse`): a 4xx
that says why in the person's language, with a way back (400, or 409 when someone else is
changing the same thing right now). Objects come through `ObjectAccessMixin`.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core import service_views
from huis.core.errors import DomainError
from huis.core.service_views import apply_service_error, refuse


class CoordinatorMixin(PermissionRequiredMixin):
    permission_required = "ervaringsdeskundigen.manage"


class ServicePostView(service_views.ServicePostView):
    """A POST-only view calling one service; `perform` may set `success_message` (a message that
    names what was done) or return a response of its own. Bad input and a refusal both get the
    refused page with the message and a 4xx, never a redirect that hides the failure."""

    invalid_message: Any = ""

    def get_back_url(self) -> str:
        return self.get_success_url()

    def refused(self, error: DomainError) -> HttpResponse:
        return refuse(self.request, error.message, back=self.get_back_url(), status=error.status)

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        data: dict = {}
        if self.form_class is not None:
            form = self.form_class(request.POST)
            if not form.is_valid():
                first = next(iter(form.errors.values()))[0]
                return self.refused(DomainError(self.invalid_message or first))
            data = form.cleaned_data
        try:
            response = self.perform(data)
        except self.service_error as error:
            return self.refused(error)
        if isinstance(response, HttpResponse):
            return response
        if self.success_message:
            messages.success(request, self.success_message)
        return redirect(self.get_success_url())


__all__ = [
    "CoordinatorMixin",
    "ObjectAccessMixin",
    "PermissionRequiredMixin",
    "ServicePostView",
    "apply_service_error",
    "refuse",
]
