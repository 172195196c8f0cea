"""The public page to become a volunteer (easy words, no account needed), and the private
calendar feed of a volunteer's shifts (the secret token in the address is the only key)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from huis.audit.services import log_action
from huis.core.errors import DomainError
from huis.core.ratelimit import rate_limited

from .. import selectors, services
from ..forms import ApplyForm
from ..ics import volunteer_calendar
from ..models import Volunteer
from .base import apply_service_error


@method_decorator(rate_limited("vrijwilligers.apply", rate="10/m"), name="dispatch")
class ApplyView(FormView):
    template_name = "vrijwilligers/apply.html"
    form_class = ApplyForm

    def form_valid(self, form):
        c = form.cleaned_data
        try:
            services.application_submit(
                name=c["name"],
                email=c["email"],
                phone=c.get("phone", ""),
                tasks=list(c.get("tasks") or []),
                availability=c.get("availability", ""),
                languages=c.get("languages", ""),
                message=c.get("message", ""),
                language=get_language() or "nl",
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        return redirect("vrijwilligers:apply_thanks")


class ApplyThanksView(TemplateView):
    template_name = "vrijwilligers/apply_thanks.html"


class FeedView(View):
    def get(self, request, token: str):
        if len(token) < 20:  # never look up short guesses
            raise Http404
        volunteer = get_object_or_404(
            Volunteer.objects.select_related("user"), feed_token=token, user__isnull=False
        )
        claims = selectors.my_claims(volunteer=volunteer, upcoming=False)
        log_action(
            actor=None, action="vrijwilligers.feed.read", obj=volunteer, subject=volunteer.user
        )
        with translation.override(volunteer.user.preferred_language):
            body = volunteer_calendar(claims, name=_("My volunteer shifts"))
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        return response


def feed_url(request, volunteer: Volunteer) -> str:
    return request.build_absolute_uri(reverse("vrijwilligers:feed", args=[volunteer.feed_token]))
