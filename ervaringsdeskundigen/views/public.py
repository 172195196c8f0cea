"""Public pages: the home of the function, the request form, the signed links in emails, the
expert's calendar feed. Everything works with plain HTML forms; nothing needs JavaScript."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView
from django_ratelimit.core import get_usage, is_ratelimited

from huis.audit.services import log_action
from huis.core.errors import DomainError
from huis.core.service_views import apply_service_error, refuse

from .. import selectors, services
from ..forms import EvaluationForm, RequestForm
from ..ics import expert_calendar
from ..models import Expert
from ..tokens import LinkError, assignment_from_token, request_from_token, request_token

REQUEST_RATE = "5/h"
# Signed links are hard to guess; this only stops a script hammering them.
LINK_RATE = "60/h"


def _too_many(request, group: str, rate: str) -> bool:
    """Counted per address in the Redis cache (django-ratelimit)."""
    return is_ratelimited(request, group=group, key="ip", rate=rate, method="POST", increment=True)


class HomeView(TemplateView):
    template_name = "ervaringsdeskundigen/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["own_profile"] = selectors.expert_for_user(user=user)
        context["published"] = list(
            Expert.objects.filter(publish_public_text=True, is_paused=False)
            .exclude(public_text="")
            .select_related("user")
            .order_by("user__display_name")[:12]
        )
        return context


def _minutes_to_wait(request, group: str, rate: str) -> int:
    """0 when the address may file another request now; else the minutes until it may. Reads
    the count without adding to it (django-ratelimit's fixed window, in the Redis cache)."""
    usage = get_usage(request, group=group, key="ip", rate=rate, method="POST", increment=False)
    # Read without adding: this try is refused when the filed ones already reach the limit.
    if usage is None or usage["count"] < usage["limit"]:
        return 0
    return max(1, -(-usage["time_left"] // 60))


def _count_filed(request, group: str, rate: str) -> None:
    get_usage(request, group=group, key="ip", rate=rate, method="POST", increment=True)


class RequestCreateView(View):
    """The public request form. Against spam and floods: a limit per address on the requests
    filed (counted in the Redis cache; a try the form refuses does not count), a field robots
    fill in, and a minimum time to fill in the form. Every refusal gives the form back as it
    was typed, with a sentence that says what to do."""

    template_name = "ervaringsdeskundigen/request_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": RequestForm()})

    def post(self, request):
        form = RequestForm(request.POST)
        minutes = _minutes_to_wait(request, "experts-request", REQUEST_RATE)
        if minutes:
            message = ngettext(
                "You sent several requests in a short time. What you typed is kept: send it "
                "again in %(minutes)d minute.",
                "You sent several requests in a short time. What you typed is kept: send it "
                "again in %(minutes)d minutes.",
                minutes,
            ) % {"minutes": minutes}
            return self._again(form, message, status=429, retry_after=minutes * 60)
        if form.is_honeypot_filled():
            # A calm answer, without telling robots what gave them away.
            return self._again(form, _("Please check the form and send it again."))
        if form.is_spam():
            return self._again(
                form,
                _(
                    "The form was sent very quickly after it opened. What you typed is kept: "
                    "wait a few seconds and send it again."
                ),
            )
        if form.is_expired():
            return self._again(
                form,
                _(
                    "This form was open for a long time. Check what you filled in and send it "
                    "again."
                ),
            )
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        if not form.use_start():
            return self._again(
                form,
                _(
                    "This form was already sent a few times. If you want to ask for something "
                    "else, check what you filled in and send it again."
                ),
            )
        try:
            expert_request = services.request_submit(
                data=form.request_data(),
                themes=list(form.cleaned_data["themes"]),
                language=translation.get_language() or "nl",
            )
        except DomainError as error:
            apply_service_error(form, error)
            return render(request, self.template_name, {"form": form}, status=error.status)
        _count_filed(request, "experts-request", REQUEST_RATE)
        messages.success(request, _("Thank you! We received your request. You get an email."))
        return redirect("ervaringsdeskundigen:follow", token=request_token(expert_request))

    def _again(
        self, form: RequestForm, message, status: int = 400, retry_after: int = 0
    ) -> HttpResponse:
        """The form back as the person typed it, with what to do and a fresh start time."""
        form.restart()
        form.is_valid()  # show what was typed (and any other problem) as usual
        form.add_error(None, message)
        response = render(self.request, self.template_name, {"form": form}, status=status)
        if retry_after:
            response["Retry-After"] = str(retry_after)
        return response


def _request_or_refuse(request, token: str):
    try:
        return request_from_token(token), None
    except LinkError as exc:
        return None, refuse(
            request, str(exc), back=reverse("ervaringsdeskundigen:home"), status=404
        )


class FollowView(View):
    """The organisation follows its request through the link in its email."""

    def get(self, request, token: str):
        expert_request, refused = _request_or_refuse(request, token)
        if refused:
            return refused
        accepted = [
            a.expert.user.display_name
            for a in expert_request.assignments.select_related("expert__user").filter(
                status="accepted"
            )
        ]
        return render(
            request,
            "ervaringsdeskundigen/follow.html",
            {
                "expert_request": expert_request,
                "token": token,
                "accepted": accepted,
                "form": EvaluationForm(),
                "can_evaluate": expert_request.status == "done",
            },
        )


class EvaluationView(View):
    http_method_names = ["post"]

    def post(self, request, token: str):
        if _too_many(request, "experts-links", LINK_RATE):
            return render(request, "429.html", status=429)
        expert_request, refused = _request_or_refuse(request, token)
        if refused:
            return refused
        form = EvaluationForm(request.POST)
        if not form.is_valid():
            return render(
                request,
                "ervaringsdeskundigen/follow.html",
                {
                    "expert_request": expert_request,
                    "token": token,
                    "accepted": [],
                    "form": form,
                    "can_evaluate": True,
                },
                status=400,
            )
        try:
            services.evaluation_submit(request=expert_request, **form.cleaned_data)
        except DomainError as error:
            back = request.path.rsplit("evaluatie/", 1)[0]
            return refuse(request, error.message, back=back, status=error.status)
        messages.success(request, _("Thank you for your evaluation!"))
        return redirect("ervaringsdeskundigen:follow", token=token)


def _assignment_or_refuse(request, token: str):
    try:
        return assignment_from_token(token), None
    except LinkError as exc:
        return None, refuse(
            request, str(exc), back=reverse("ervaringsdeskundigen:home"), status=404
        )


class ProposalView(View):
    """The link in the proposal email opens this page; only its buttons change anything (mail
    scanners open links, they do not press buttons)."""

    def get(self, request, token: str):
        assignment, refused = _assignment_or_refuse(request, token)
        if refused:
            return refused
        return render(
            request,
            "ervaringsdeskundigen/proposal.html",
            {"assignment": assignment, "expert_request": assignment.request, "token": token},
        )


class _ProposalAnswerView(View):
    http_method_names = ["post"]
    service = None
    done_message = ""

    def post(self, request, token: str):
        if _too_many(request, "experts-links", LINK_RATE):
            return render(request, "429.html", status=429)
        assignment, refused = _assignment_or_refuse(request, token)
        if refused:
            return refused
        actor = request.user if request.user.is_authenticated else assignment.expert.user
        try:
            type(self).service(assignment=assignment, actor=actor)
        except DomainError as error:
            back = reverse("ervaringsdeskundigen:proposal", args=[token])
            return refuse(request, error.message, back=back, status=error.status)
        messages.success(request, self.done_message)
        return redirect("ervaringsdeskundigen:proposal", token=token)


class ProposalAcceptView(_ProposalAnswerView):
    service = services.assignment_accept
    done_message = gettext_lazy("Thank you! You accepted. You find it in your calendar.")


class ProposalDeclineView(_ProposalAnswerView):
    service = services.assignment_decline
    done_message = gettext_lazy("You declined. Thank you for letting us know.")


class FeedView(View):
    """The expert's private calendar feed; the token in the address is the only key."""

    def get(self, request, token: str):
        if len(token) < 20:  # never look up short guesses
            raise Http404
        expert = get_object_or_404(Expert.objects.select_related("user"), feed_token=token)
        assignments, sessions = selectors.feed_items(expert=expert)
        log_action(
            actor=None, action="ervaringsdeskundigen.feed.read", obj=expert, subject=expert.user
        )
        with translation.override(expert.user.preferred_language):
            body = expert_calendar(assignments, sessions, name=_("My assignments"))
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        return response
