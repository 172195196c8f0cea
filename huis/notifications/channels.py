"""How a rendered message leaves the house: email through Django's mailers, text messages through a
pluggable backend (settings.NOTIFICATIONS_SMS_BACKEND).

No text-message provider is wired up yet. A provider is one class with
`send(*, to, text, reference)`
that raises on failure; the outbox retries and finally marks the message failed.
"""

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


class SmsBackend(Protocol):
    def send(self, *, to: str, text: str, reference: str) -> None: ...


class ConsoleSmsBackend:
    """Development: the text message is printed where the worker logs."""

    def send(self, *, to: str, text: str, reference: str) -> None:
        sys.stdout.write(f"SMS to {to} [{reference}]\n{text}\n{'-' * 40}\n")
        sys.stdout.flush()


class FileSmsBackend:
    """Tests and demos: one file per text message in settings.NOTIFICATIONS_SMS_FILE_PATH."""

    def send(self, *, to: str, text: str, reference: str) -> None:
        folder = Path(settings.NOTIFICATIONS_SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{reference}-{uuid.uuid4().hex}.sms"
        path.write_text(f"To: {to}\nReference: {reference}\n\n{text}\n", encoding="utf-8")


def sms_backend() -> SmsBackend:
    return import_string(settings.NOTIFICATIONS_SMS_BACKEND)()


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


def send_sms(*, to: str, rendered: Rendered, reference: str) -> None:
    sms_backend().send(to=to, text=rendered.sms, reference=reference)
