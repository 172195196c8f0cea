"""Text messages through Twilio, with its official Python SDK (`twilio`).

Sending: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` (basic auth with the Account SID
and Auth Token) with To, Body, From or MessagingServiceSid, and a StatusCallback URL on this
portal that carries the outbox row's reference; Twilio answers with the message's SID, kept on
the row. Twilio has no idempotency key for new messages: "exactly once" is the outbox's claim
(the row is locked while it is handed over and marked sent in the same transaction).

Errors (https://www.twilio.com/docs/api/errors): a 5xx, 429 or a connection error is retried by
the outbox with its back-off; a 4xx is final (`SmsRefused`), and 21610 ("Attempt to send to
unsubscribed recipient") also records the number's opt-out.

Webhooks: Twilio signs each request with X-Twilio-Signature, an HMAC-SHA1 under the Auth Token of
the full URL and the sorted POST parameters; the SDK's RequestValidator checks it. Each request
also carries I-Twilio-Idempotency-Token, the same for Twilio's own retries of one event: a
token seen before is a replay and is refused.
"""

import logging

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from .channels import SmsRefused

OPTED_OUT = 21610
# 4xx errors after which a try again cannot help; any other 4xx is final too, but these say why.
NOT_A_MOBILE = {21614, 21408, 21612}


class SmsTemporaryError(Exception):
    """The provider could not take the message now (5xx, 429, network): the outbox retries."""


def status_callback_url(reference: str) -> str:
    return settings.SITE_URL + reverse("sms_status") + f"?ref={reference}"


class TwilioSmsBackend:
    def __init__(self) -> None:
        if not (settings.TWILIO_ACCOUNT_SID and settings.TWILIO_AUTH_TOKEN):
            raise RuntimeError("Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN to send by Twilio.")
        # One client per process, keeping its HTTPS connection open between messages. Its
        # logger writes every request at INFO (numbers included): only its warnings are kept.
        http_client = TwilioHttpClient(pool_connections=True, timeout=15)
        http_client.logger.setLevel(logging.WARNING)
        self.client = Client(
            settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, http_client=http_client
        )
        if settings.TWILIO_API_BASE_URL:
            self.client.api.base_url = settings.TWILIO_API_BASE_URL.rstrip("/")

    def send(self, *, to: str, text: str, reference: str) -> str | None:
        sender = (
            {"messaging_service_sid": settings.TWILIO_MESSAGING_SERVICE_SID}
            if settings.TWILIO_MESSAGING_SERVICE_SID
            else {"from_": settings.TWILIO_FROM}
        )
        try:
            message = self.client.messages.create(
                to=to, body=text, status_callback=status_callback_url(reference), **sender
            )
        except TwilioRestException as error:
            what = f"Twilio {error.status} {error.code}: {error.msg}"
            if error.status >= 500 or error.status == 429:
                raise SmsTemporaryError(what) from error
            raise SmsRefused(what, opted_out=error.code == OPTED_OUT) from error
        except TwilioException as error:  # connection refused, timeout, unreadable answer
            raise SmsTemporaryError(f"Twilio: {error}") from error
        return message.sid


def request_is_signed(request: HttpRequest) -> bool:
    """Whether a webhook request really comes from Twilio: its signature over the public URL
    (SITE_URL and the path Twilio called) and the POST parameters, under the Auth Token."""
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature or not settings.TWILIO_AUTH_TOKEN:
        return False
    url = settings.SITE_URL + request.get_full_path()
    return RequestValidator(settings.TWILIO_AUTH_TOKEN).validate(url, request.POST, signature)


def replay_token(request: HttpRequest) -> str:
    """Twilio's idempotency token for this event; without one, the event's own identity."""
    token = request.headers.get("I-Twilio-Idempotency-Token", "")
    if token:
        return f"twilio:{token}"[:200]
    post = request.POST
    return (
        "twilio:"
        + ":".join(
            post.get(name, "") for name in ("MessageSid", "SmsSid", "MessageStatus", "Body")
        )[:190]
    )
