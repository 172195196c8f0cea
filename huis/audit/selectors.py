"""Reads of the audit log: what a person may see about who read or changed their data."""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.translation import gettext as _

from .models import AuditEntry


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    next_before: int | None  # keyset pagination: the id to continue below


# Verbs at the end of an action name that mean the record was only read.
READ_VERBS = ("viewed", "read", "exported", "downloaded", "opened", "shown")


def _kind(object_type: str) -> str:
    if not object_type:
        return ""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type


def entries_about(*, user: Any, before: int | None = None, limit: int = 50) -> AuditPage:
    """Entries about `user` (they are the subject), newest first, `limit` at a time. Two fixed
    queries at most: the page (with the actors) and nothing per row."""
    queryset = AuditEntry.objects.filter(subject_id=user.pk).select_related("actor")
    if before is not None:
        queryset = queryset.filter(pk__lt=before)
    rows = list(queryset.order_by("-pk")[: limit + 1])
    entries = rows[:limit]
    for entry in entries:
        entry.is_read = entry.action.rsplit(".", 1)[-1].endswith(READ_VERBS)
        entry.kind_label = _kind(entry.object_type)
        if entry.actor_id is None:
            entry.actor_label = _("The portal itself")
        elif entry.actor_id == user.pk:
            entry.actor_label = _("You")
        else:
            entry.actor_label = entry.actor.display_name or _("A former user")
    return AuditPage(entries=entries, next_before=entries[-1].pk if len(rows) > limit else None)
