"""`log_action`: every domain write and every read of a sensitive record goes through here."""

from typing import Any

from django.db import models
from django.http import HttpRequest

from .models import AuditEntry


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def log_action(
    *,
    actor: Any | None,
    action: str,
    obj: models.Model | None = None,
    data: dict | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor_id=actor_id,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data or {},
        ip_address=_client_ip(request),
    )
