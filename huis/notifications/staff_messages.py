"""Staff write a short message to everyone signed up for one activity or course (or to its
waiting list): counted and previewed first, then sent through the outbox, audited.

What people sign up for is registered by each function (`register_message_audience` in
huis/core/registry/); this module never imports a function app.
"""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from huis.audit.services import log_action
from huis.core.registry import MessageAudience

from . import notices
from .models import Channel, NoticeMessage, Notification
from .services import NotificationError, render

MAX_TEXT = 1000


@dataclass(frozen=True)
class MessagePreview:
    count: int
    subject: str
    text: str


def _clean(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise NotificationError(_("Write a message first."), field="text")
    if len(text) > MAX_TEXT:
        raise NotificationError(
            _("Keep the message short: at most %(count)s characters.") % {"count": MAX_TEXT},
            field="text",
        )
    return text


def message_recipients(
    *, audience: MessageAudience, obj: Any, to_waiting: bool
) -> list[notices.Addressee]:
    return notices.unique_addressees(audience.addressees(obj, to_waiting))


def message_preview(
    *, audience: MessageAudience, obj: Any, to_waiting: bool, text: str, language: str
) -> MessagePreview:
    """How many people it reaches and how the email reads (for the writer, in their language;
    each person gets it in their own)."""
    text = _clean(text)
    recipients = message_recipients(audience=audience, obj=obj, to_waiting=to_waiting)
    occasion = audience.occasion(obj)
    sample = Notification(
        kind=notices.KIND_MESSAGE,
        channel=Channel.EMAIL,
        language=language,
        context={"name": "…", "title": occasion.title, "url": occasion.url, "text": text},
    )
    rendered = render(sample)
    return MessagePreview(count=len(recipients), subject=rendered.subject, text=rendered.text)


@transaction.atomic
def message_send(
    *,
    audience: MessageAudience,
    obj: Any,
    to_waiting: bool,
    text: str,
    actor: Any,
    request: Any = None,
) -> NoticeMessage:
    text = _clean(text)
    recipients = message_recipients(audience=audience, obj=obj, to_waiting=to_waiting)
    if not recipients:
        raise NotificationError(
            _("Nobody is on the waiting list.")
            if to_waiting
            else _("Nobody is signed up. There is nobody to send a message to.")
        )
    occasion = audience.occasion(obj)
    message = NoticeMessage.objects.create(
        audience=audience.name,
        object_id=obj.pk,
        title=occasion.title[:200],
        to_waiting=to_waiting,
        text=text,
        sent_by=actor if getattr(actor, "pk", None) else None,
    )
    message.recipients = notices.notice_message(
        occasion=occasion, addressees=recipients, message_ref=str(message.pk), text=text
    )
    message.save(update_fields=["recipients"])
    log_action(
        actor=actor,
        action="notifications.message_sent",
        obj=message,
        data={
            "audience": audience.name,
            "object_id": obj.pk,
            "to_waiting": to_waiting,
            "recipients": message.recipients,
        },
        request=request,
    )
    return message


def messages_sent(*, audience: MessageAudience, obj: Any) -> Any:
    """The messages already sent about this object, newest first (for the writer's page)."""
    return NoticeMessage.objects.filter(audience=audience.name, object_id=obj.pk).select_related(
        "sent_by"
    )[:20]
