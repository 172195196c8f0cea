"""Reads of the outbox, for the house's own people."""

from typing import Any

from django.db.models import QuerySet

from .models import Notification


def failed_notifications(*, user: Any) -> QuerySet[Notification]:
    if not user.has_perm("notifications.view_failed"):
        return Notification.objects.none()
    return (
        Notification.objects.filter(status=Notification.Status.FAILED)
        .select_related("recipient")
        .order_by("-due_at", "-pk")
    )


def text_messages_for(*, user: Any, limit: int = 50) -> QuerySet[Notification]:
    """The latest text messages with their delivery status, for the house's own people."""
    if not user.has_perm("notifications.view_failed"):
        return Notification.objects.none()
    return (
        Notification.objects.filter(channel="sms")
        .select_related("recipient")
        .order_by("-created_at", "-pk")[:limit]
    )
