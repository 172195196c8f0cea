"""A POST that calls one service, and a service's refusal shown where it belongs.

Every function's services raise a subclass of `huis.core.errors.DomainError` with a `message` in
the user's language and optionally the `field` it is about. `ServicePostView` turns it into a
message and goes back; `refuse()` answers a refused change with a page that says so (for a POST
that has nowhere to go back to); `apply_service_error()` puts it next to a form's field.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views import View

from .errors import DomainError


class ServicePostView(View):
    """A POST-only view: validate a small form when it has one, call one service, go on.

    `perform(data)` gets the form's cleaned data (empty when the view has no `form_class`); it may
    set `success_message` (a message that names what was done) or return a response of its own.
    Bad input and a refusal both answer the refused page with the message and a 4xx (400, or the
    error's own status: 409 when someone else is changing the same thing), never a redirect that
    hides the failure. Nothing was saved: services run in one transaction."""

    http_method_names = ["post"]
    success_message: Any = ""
    invalid_message: Any = ""
    form_class: Any = None
    service_error: type[Exception] = DomainError

    def perform(self, data: dict) -> HttpResponse | None:
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def get_back_url(self) -> str:
        return self.get_success_url()

    def get_success_message(self) -> Any:
        return self.success_message

    def refused(self, error: DomainError) -> HttpResponse:
        status = getattr(error, "status", 400)
        return refuse(self.request, error.message, back=self.get_back_url(), status=status)

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
        message = self.get_success_message()
        if message:
            messages.success(request, message)
        return redirect(self.get_success_url())


def refuse(request: HttpRequest, message: Any, *, back: str, status: int = 400) -> HttpResponse:
    """A change that could not be made: say why, in plain words, with a way back. Nothing was
    saved (services run in one transaction)."""
    messages.error(request, message)
    return render(request, "refused.html", {"back": back}, status=status)


def apply_service_error(form: Any, error: Any) -> None:
    """Show a service's refusal next to the field it is about, or above the form."""
    field = error.field if getattr(error, "field", None) in getattr(form, "fields", {}) else None
    form.add_error(field, error.message)


def int_or_none(raw: str | None) -> int | None:
    """A filter's number from the address (?wijk=3), or None for anything else."""
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else None
