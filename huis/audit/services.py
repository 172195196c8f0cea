"""`log_action`: every domain write and every read of a sensitive record goes through here."""

from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest

from huis.core.client_address import client_ip

from .models import AuditEntry


def _client_ip(request: HttpRequest | None) -> str | None:
    """The visitor's own address, also behind the house's proxies (huis.core.client_address)."""
    if request is None:
        return None
    return client_ip(request) or None


# Fields that name the person a record is about, in the order they are tried.
SUBJECT_FIELDS = ("user_id", "author_id", "person_id")


def _subject_id(obj: models.Model | None, subject: Any | None) -> int | None:
    """The person the entry is about: `subject` when given, else found on the record itself (the
    person's own account, or a `user`, `author` or `person` field), so every app's entries reach
    the person's "who read or changed my data" page without each call naming them."""
    if subject is not None:
        return subject.pk
    if obj is None:
        return None
    if obj._meta.label == settings.AUTH_USER_MODEL:
        return obj.pk
    for field in SUBJECT_FIELDS:
        value = getattr(obj, field, None)
        if isinstance(value, int) and _points_to_user(obj, field):
            return value
    return None


def _points_to_user(obj: models.Model, attname: str) -> bool:
    """A `person_id` may name a record of an app's own (the network's Person), not an account."""
    try:
        field = obj._meta.get_field(attname.removesuffix("_id"))
    except FieldDoesNotExist:  # a plain attribute, not a field: trust its name
        return True
    related = getattr(field, "related_model", None)
    return related is None or related._meta.label == settings.AUTH_USER_MODEL


def log_action(
    *,
    actor: Any | None,
    action: str,
    obj: models.Model | None = None,
    subject: Any | None = None,
    data: dict | None = None,
    request: HttpRequest | None = None,
) -> AuditEntry:
    """Record that `actor` did `action` (for example "kwartiermaken.entry.notes_viewed") to `obj`.

    `subject` is the person whose personal data was read or changed (a User), when there is one:
    a person can later be shown who touched their data. `data` holds field names and ids, never
    the personal data itself.
    """
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    return AuditEntry.objects.create(
        actor_id=actor_id,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        subject_id=_subject_id(obj, subject),
        data=data or {},
        ip_address=_client_ip(request),
    )


def log_read_of_people(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None,
    subject_ids: list[int],
    request: HttpRequest | None = None,
) -> int:
    """A list of people was read (a sign-up list, a course's students): one entry per person with
    an account, in one query, so each of them can see it on "who read my data"."""
    actor_id = actor.pk if actor is not None and getattr(actor, "is_authenticated", False) else None
    ids = sorted({pk for pk in subject_ids if pk is not None})
    common = {
        "actor_id": actor_id,
        "action": action,
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
        "ip_address": _client_ip(request),
    }
    if not ids:
        AuditEntry.objects.create(**common)
        return 1
    AuditEntry.objects.bulk_create([AuditEntry(subject_id=pk, **common) for pk in ids])
    return len(ids)
