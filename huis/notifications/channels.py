"""How a rendered message leaves the house: email through Django's mailers, text messages through a
pluggable backend (settings.NOTIFICATIONS_SMS_BACKEND).

A text-message provider is one class with `send(*, to, text, reference) -> str | None` (the
provider's id of the message). It raises on failure: `SmsRefused` when trying again cannot help
(the number opted out, is not a mobile number, ...), then the message fails at once; anything
else is retried and finally marks the message failed. The production provider is Twilio
(`huis.notifications.twilio.TwilioSmsBackend`); console and file are for development and tests.
"""

import functools
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    sms: str


class SmsRefused(Exception):
    """The provider refused the message for good: no retry. `opted_out`: the number said STOP."""

    def __init__(self, message: str, *, opted_out: bool = False):
        super().__init__(message)
        self.opted_out = opted_out


class SmsBackend(Protocol):
    def send(self, *, to: str, text: str, reference: str) -> str | None: ...


class ConsoleSmsBackend:
    """Development: the text message is printed where the worker logs."""

    def send(self, *, to: str, text: str, reference: str) -> str | None:
        sys.stdout.write(f"SMS to {to} [{reference}]\n{text}\n{'-' * 40}\n")
        sys.stdout.flush()
        return None


class FileSmsBackend:
    """Tests and demos: one file per text message in settings.NOTIFICATIONS_SMS_FILE_PATH."""

    def send(self, *, to: str, text: str, reference: str) -> str | None:
        folder = Path(settings.NOTIFICATIONS_SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{reference}-{uuid.uuid4().hex}.sms"
        path.write_text(f"To: {to}\nReference: {reference}\n\n{text}\n", encoding="utf-8")
        return None


@functools.cache
def _backend(path: str, *configuration: str) -> SmsBackend:
    return import_string(path)()


def sms_backend() -> SmsBackend:
    """One instance per configuration, kept: a provider's client keeps its connection open."""
    return _backend(
        settings.NOTIFICATIONS_SMS_BACKEND,
        settings.TWILIO_ACCOUNT_SID,
        settings.TWILIO_AUTH_TOKEN,
        settings.TWILIO_API_BASE_URL,
    )


def _message_id(reference: str) -> str:
    # A stable Message-ID: should a message ever be handed over twice, mail software sees one.
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<notification-{reference}@{domain}>"


def send_email(
    *,
    to: str,
    rendered: Rendered,
    reference: str,
    attachments: list[dict] | None = None,
    connection: Any = None,
) -> None:
    """Send one email; over `connection` when given (the sweep keeps one open for a batch)."""
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers={"Message-ID": _message_id(reference), "X-Huis-Notification": reference},
        connection=connection,
    )
    message.attach_alternative(rendered.html, "text/html")
    for attachment in attachments or []:
        message.attach(
            attachment["filename"],
            attachment["content"],
            attachment.get("mimetype") or "application/octet-stream",
        )
    message.send()


def send_sms(*, to: str, rendered: Rendered, reference: str) -> str | None:
    return sms_backend().send(to=to, text=rendered.sms, reference=reference)
