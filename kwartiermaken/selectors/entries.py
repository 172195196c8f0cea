"""Reads of outreach entries: the list by keyset, the export, follow-ups due, notes readers."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from huis.accounts.access import organisation_ids
from huis.audit.models import AuditEntry
from huis.core.cursors import make_cursor, parse_day_cursor

from ..models import OutreachEntry, Signal
from ..permissions import narrowed
from ..services import NOTES_VIEWED
from .common import OPEN_FOLLOW_UP


def entries_for(*, user: Any) -> QuerySet[OutreachEntry]:
    return narrowed(
        user,
        OutreachEntry.objects.select_related("neighbourhood", "organisation", "created_by"),
    )


def entry_with_details(*, user: Any) -> QuerySet[OutreachEntry]:
    """For fetch_for: the entry with what its page shows, still narrowed to the user."""
    return entries_for(user=user).prefetch_related(
        "needs", Prefetch("signals", queryset=Signal.objects.select_related("neighbourhood"))
    )


@dataclass(frozen=True)
class EntryPage:
    entries: list[OutreachEntry]
    next_cursor: str | None


def entry_page(*, entries: QuerySet[OutreachEntry], cursor: str = "", size: int = 50) -> EntryPage:
    """One page of `entries` (from `entries_for(user=...)`, filtered by
    `kwartiermaken.filters.EntryFilterSet`), newest first, by keyset: no OFFSET and no COUNT over
    a large table."""
    entries = entries.prefetch_related("needs")
    position = parse_day_cursor(cursor) if cursor else None
    if position is not None:
        day, pk = position
        entries = entries.filter(Q(date__lt=day) | Q(date=day, pk__lt=pk))
    rows = list(entries.order_by("-date", "-pk")[: size + 1])
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        last = rows[-1]
        next_cursor = make_cursor(last.date, last.pk)
    return EntryPage(entries=rows, next_cursor=next_cursor)


def entries_for_export(*, entries: QuerySet[OutreachEntry]) -> QuerySet[OutreachEntry]:
    """The entries of the list (see `entry_page`) with what the export writes, newest first."""
    return entries.prefetch_related("needs").order_by("-date", "-pk")


def follow_ups_due(*, user: Any, within_days: int = 7, limit: int = 20) -> list[OutreachEntry]:
    """Open follow-ups of the user's organisation(s) due within a week (and overdue), soonest first.

    Coordinators see their own organisation's here too: the start page is about one's own work.
    """
    horizon = timezone.localdate() + dt.timedelta(days=within_days)
    entries = OutreachEntry.objects.select_related("neighbourhood", "created_by").filter(
        OPEN_FOLLOW_UP, follow_up_on__lte=horizon, organisation_id__in=organisation_ids(user)
    )
    return list(entries.order_by("follow_up_on", "pk")[:limit])


def recent_entries(*, user: Any, limit: int = 5) -> list[OutreachEntry]:
    return list(
        OutreachEntry.objects.select_related("neighbourhood")
        .filter(organisation_id__in=organisation_ids(user))
        .order_by("-date", "-pk")[:limit]
    )


def last_neighbourhood_id(*, user: Any) -> int | None:
    """The neighbourhood of the worker's last entry: the form's default."""
    return (
        OutreachEntry.objects.filter(created_by=user, neighbourhood__is_active=True)
        .order_by("-created_at")
        .values_list("neighbourhood_id", flat=True)
        .first()
    )


def notes_readers(*, entry: OutreachEntry, limit: int = 100) -> list[AuditEntry]:
    """Who read this entry's notes, and when, newest first."""
    return list(
        AuditEntry.objects.filter(
            object_type=OutreachEntry._meta.label_lower,
            object_id=str(entry.pk),
            action=NOTES_VIEWED,
        )
        .select_related("actor")
        .order_by("-at")[:limit]
    )
