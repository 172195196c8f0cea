"""A guest's own data from their signed link: see, download, erase (issue #25)."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views import View

from huis.core.ratelimit import rate_limited
from huis.core.service_views import refuse
from huis.places.services import PlaceError, claim_from_token

from . import guest_privacy


class _GuestLinkMixin:
    def claim_or_refuse(self, request: HttpRequest, token: str):
        try:
            return claim_from_token(token=token), None
        except PlaceError as exc:
            return None, refuse(request, exc.message, back=reverse("core:home"))


@method_decorator(
    rate_limited("accounts.guest_data", rate="30/m", methods=("GET", "POST")), name="dispatch"
)
class GuestDataView(_GuestLinkMixin, View):
    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        claim, refused = self.claim_or_refuse(request, token)
        if refused:
            return refused
        data = guest_privacy.guest_data(claim=claim, request=request)
        if request.GET.get("download") == "json":
            response = HttpResponse(
                json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
                content_type="application/json; charset=utf-8",
            )
            response["Content-Disposition"] = 'attachment; filename="huis-mijn-gegevens.json"'
            return response
        return render(request, "accounts/guest_data.html", {"data": data, "token": token})


@method_decorator(rate_limited("accounts.guest_data", rate="30/m"), name="dispatch")
class GuestEraseView(_GuestLinkMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        claim, refused = self.claim_or_refuse(request, token)
        if refused:
            return refused
        erased = guest_privacy.guest_erase(claim=claim, request=request)
        return render(request, "accounts/guest_erased.html", {"erased": erased})
