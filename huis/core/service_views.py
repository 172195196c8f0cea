"""A POST that calls one service, and a service's refusal shown where it belongs.

Each function's services raise their own error (NetwerkError, KwartiermakenError, ...) with a
`message` in the user's language and optionally the `field` it is about; a view names it in
`service_error`.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views import View


class ServicePostView(View):
    """A POST-only view: validate a small form when it has one, call one service, and turn the
    service's refusal into a message. `perform(data)` gets the form's cleaned data (empty when
    the view has no `form_class`)."""

    http_method_names = ["post"]
    success_message: Any = ""
    form_class: Any = None
    service_error: type[Exception]

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
        except self.service_error as error:
            messages.error(request, error.message)
        else:
            if self.success_message:
                messages.success(request, self.success_message)
        return redirect(self.get_success_url())


def apply_service_error(form: Any, error: Any) -> None:
    """Show a service's refusal next to the field it is about, or above the form."""
    field = error.field if getattr(error, "field", None) in getattr(form, "fields", {}) else None
    form.add_error(field, error.message)


def int_or_none(raw: str | None) -> int | None:
    """A filter's number from the address (?wijk=3), or None for anything else."""
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else None
