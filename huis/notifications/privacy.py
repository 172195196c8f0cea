"""Notifications' part of "download my data" and "delete my account": the person's choice of
channels and the messages the house sent them (kind, channel, when; not their full text)."""

from datetime import datetime
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.core.registry import (
    PersonalDataProvider,
    RetentionRule,
    register_personal_data,
    register_retention_rule,
)

from .models import Notification, NotificationPreference, ShortLink, SmsOptOut, SmsReport


def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _messages(user: Any):
    # Messages to the person's account, and those sent to their address before they had one.
    # Someone with only a phone number has no address: never match the empty one (issue #25).
    before = Q(recipient__isnull=True, email=user.email) if user.email else Q(pk__in=[])
    return Notification.objects.filter(Q(recipient=user) | before)


def export(user: Any) -> dict:
    preference = NotificationPreference.objects.filter(user=user).first()
    return {
        "preferences": {
            "by_email": preference.by_email if preference else True,
            "by_sms": preference.by_sms if preference else False,
        },
        "messages": [
            {
                "kind": n.kind,
                "channel": n.channel,
                "to": n.email or n.phone,
                "status": n.status,
                "due_at": _iso(n.due_at),
                "sent_at": _iso(n.sent_at),
                "delivery": n.delivery,
            }
            for n in _messages(user).order_by("due_at", "pk")
        ],
        "text_messages_stopped": bool(user.phone)
        and SmsOptOut.objects.filter(phone=user.phone).exists(),
    }


def erase(user: Any) -> None:
    NotificationPreference.objects.filter(user=user).delete()
    # The outbox holds addresses and message content: nothing of it is kept.
    _messages(user).delete()


def purge_sms_records(*, cutoff: datetime) -> int:
    """Short links that expired before the cutoff, and the provider's reports received before
    it (kept only to refuse a replay, which Twilio never sends that late)."""
    links, _detail = ShortLink.objects.filter(expires_at__lt=cutoff).delete()
    reports, _detail = SmsReport.objects.filter(received_at__lt=cutoff).delete()
    return links + reports


def register() -> None:
    register_personal_data(
        PersonalDataProvider(
            name="notifications",
            label=_("Messages: your choice and the messages we sent you"),
            export=export,
            erase=erase,
            order=80,
        )
    )
    register_retention_rule(
        RetentionRule(
            key="notifications.sms_records",
            label=_("Expired short links and delivery reports of text messages"),
            default_days=90,
            purge=purge_sms_records,
        )
    )
