"""The link a person with only a phone number gets by text message (issue #25): the page asks
them to press one button (a GET logs nobody in: phones and chat apps open links to preview
them), which logs them in and takes them to the page where they can add an email address."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from huis.core.errors import DomainError
from huis.core.ratelimit import rate_limited
from huis.core.service_views import refuse

from . import phone_login


@method_decorator(
    rate_limited("accounts.phone_login", rate="20/m", methods=("GET", "POST")), name="dispatch"
)
class PhoneLoginView(View):
    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            person = phone_login.user_from_token(token)
        except DomainError as error:
            return refuse(request, error.message, back=reverse("core:home"))
        return render(request, "accounts/phone_login.html", {"person": person})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            phone_login.phone_login_use(token=token, request=request)
        except DomainError as error:
            return refuse(request, error.message, back=reverse("core:home"))
        messages.success(
            request,
            _(
                "You are logged in. Add an email address below to log in by yourself next "
                "time; without one, the house sends you a new link."
            ),
        )
        return redirect("account_email")  # where they add an address
