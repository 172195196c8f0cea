"""Staff pages of the outbox (the messages that could not be sent, with a retry button; the text
messages and their budget), the short links of text messages and Twilio's webhooks."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import ListView, TemplateView

from huis.accounts.mixins import PermissionRequiredMixin
from huis.audit.services import log_action
from huis.core.phone import normalise_phone_number
from huis.core.ratelimit import rate_limited

from . import shortlinks, sms, twilio_sms
from .models import SmsReport
from .selectors import failed_notifications, text_messages_for
from .services import NotificationError, notification_retry

logger = logging.getLogger(__name__)


class FailedListView(PermissionRequiredMixin, ListView):
    template_name = "notifications/failed_list.html"
    permission_required = "notifications.view_failed"
    context_object_name = "notifications"
    paginate_by = 50

    def get_queryset(self):
        return failed_notifications(user=self.request.user)


class RetryView(PermissionRequiredMixin, View):
    permission_required = "notifications.retry"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = get_object_or_404(failed_notifications(user=request.user), pk=pk)
        try:
            notification_retry(notification=notification, actor=request.user)
        except NotificationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The message will be sent again."))
        return redirect("notifications:failed")


class TextMessagesView(PermissionRequiredMixin, TemplateView):
    """Staff: the month's text messages against the budget, per month, and the latest ones with
    their delivery status."""

    template_name = "notifications/text_messages.html"
    permission_required = "notifications.view_failed"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            budget=sms.budget_state(),
            months=sms.months_count(),
            text_messages=text_messages_for(user=self.request.user),
            **kwargs,
        )


# --- Public: short links and the provider's webhooks -------------------------------------------


@method_decorator(
    rate_limited("notifications.short_link", rate="20/m", methods=("GET", "HEAD")), name="get"
)
class ShortLinkView(View):
    """/k/<code>: to the page the long link opens (the same one-button page). Unknown, forged
    or expired codes get the same calm 404 (a guesser learns nothing)."""

    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest, code: str) -> HttpResponse:
        target = shortlinks.resolve(code)
        if target is None:
            raise Http404
        return redirect(target)


def _refuse(request: HttpRequest, what: str) -> HttpResponse:
    logger.warning("Refused a %s with a missing or wrong Twilio signature.", what)
    log_action(
        actor=None,
        action="notifications.sms_webhook_refused",
        data={"what": what, "path": request.path},
        request=request,
    )
    return HttpResponseForbidden("Invalid signature.", content_type="text/plain")


@method_decorator(csrf_exempt, name="dispatch")
class SmsStatusView(View):
    """Twilio's delivery reports (StatusCallback). Signed, or refused with 403 and logged; a
    report seen before (replay) is refused with 409."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        if not twilio_sms.request_is_signed(request):
            return _refuse(request, "delivery report")
        outcome = sms.delivery_report(
            provider_id=request.POST.get("MessageSid", ""),
            reference=request.GET.get("ref", ""),
            status=request.POST.get("MessageStatus", ""),
            error_code=request.POST.get("ErrorCode", ""),
            token=twilio_sms.replay_token(request),
        )
        if outcome == "replay":
            log_action(
                actor=None,
                action="notifications.sms_report_replayed",
                data={"message": request.POST.get("MessageSid", "")},
                request=request,
            )
            return HttpResponse("Replayed report.", status=409, content_type="text/plain")
        return HttpResponse(status=204)


@method_decorator(csrf_exempt, name="dispatch")
class SmsIncomingView(View):
    """Text messages sent to the house's number: STOP and START are recorded, the rest is not
    read. Answers empty TwiML (no automatic reply; Twilio's own opt-out answer is enough)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        if not twilio_sms.request_is_signed(request):
            return _refuse(request, "incoming message")
        try:
            phone = normalise_phone_number(request.POST.get("From", ""))
        except ValidationError:
            return HttpResponse(EMPTY_TWIML, content_type="text/xml")
        with transaction.atomic():
            try:
                with transaction.atomic():
                    SmsReport.objects.create(token=twilio_sms.replay_token(request))
            except IntegrityError:
                return HttpResponse("Replayed message.", status=409, content_type="text/plain")
            sms.incoming_message(
                phone=phone,
                body=request.POST.get("Body", ""),
                opt_out_type=request.POST.get("OptOutType", ""),
            )
        return HttpResponse(EMPTY_TWIML, content_type="text/xml")


EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
