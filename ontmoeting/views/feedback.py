"""'How was it?': the page of the day-after link. The link only opens the page (mail scanners
open links); a tap on one of the three faces sends the answer."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View

from huis.core.errors import DomainError
from huis.core.ratelimit import rate_limited
from huis.core.service_views import refuse

from .. import services
from ..models import ActivityFeedback
from .public import _TokenMixin


@method_decorator(rate_limited("ontmoeting.feedback", rate="20/m"), name="dispatch")
class FeedbackView(_TokenMixin, View):
    http_method_names = ["get", "post"]

    def get(self, request, token: str):
        claim, activity, refused = self.claim_or_refuse(request, token)
        if refused:
            return refused
        return render(
            request,
            "ontmoeting/feedback.html",
            {
                "activity": activity,
                "token": token,
                "refusal": services.feedback_refusal(claim=claim, activity=activity),
                "faces": ActivityFeedback.Face,
                "max_comment": services.feedback.MAX_COMMENT,
            },
        )

    def post(self, request, token: str):
        claim, activity, refused = self.claim_or_refuse(request, token)
        if refused:
            return refused
        back = reverse("ontmoeting:feedback", kwargs={"token": token})
        try:
            face = int(request.POST.get("face", ""))
        except ValueError:
            return refuse(request, _("Choose one of the three faces."), back=back)
        try:
            services.feedback_give(
                claim=claim, activity=activity, face=face, comment=request.POST.get("comment", "")
            )
        except DomainError as exc:
            return refuse(request, exc.message, back=back)
        messages.success(request, _("Thank you! Your answer helps us make the house better."))
        return redirect(back)
