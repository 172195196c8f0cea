"""Reads of outreach entries: the list by keyset, the export, follow-ups due, notes readers."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from huis.accounts.access import organisation_ids
from huis.audit.models import AuditEntry
from huis.core.cursors import make_cursor, parse_day_cursor

from ..codes import parse_contact_codes
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
class EntryFilter:
    query: str = ""
    neighbourhood: int | None = None
    kind: str = ""
    follow_up_open: bool = False
    organisation: int | None = None


def _filter_entries(entries: QuerySet[OutreachEntry], filters: EntryFilter) -> QuerySet:
    if filters.neighbourhood:
        entries = entries.filter(neighbourhood_id=filters.neighbourhood)
    if filters.kind:
        entries = entries.filter(kind=filters.kind)
    if filters.follow_up_open:
        entries = entries.filter(OPEN_FOLLOW_UP)
    if filters.organisation:
        entries = entries.filter(organisation_id=filters.organisation)
    query = filters.query.strip()
    if query:
        try:
            codes = parse_contact_codes(query)
        except ValidationError:
            codes = []
        # A contact code finds the earlier entries about the same person; other words search
        # what the worker wrote about referrals and follow-ups (never the notes: reading those is
        # recorded one entry at a time).
        condition = Q(referred_to__icontains=query) | Q(follow_up_note__icontains=query)
        if len(codes) == 1:
            condition |= Q(contact_codes__contains=codes)
        entries = entries.filter(condition)
    return entries


@dataclass(frozen=True)
class EntryPage:
    entries: list[OutreachEntry]
    next_cursor: str | None


def entry_page(*, user: Any, filters: EntryFilter, cursor: str = "", size: int = 50) -> EntryPage:
    """One page of entries, newest first, by keyset (no OFFSET and no COUNT over a large table)."""
    entries = _filter_entries(entries_for(user=user), filters).prefetch_related("needs")
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


def entries_for_export(*, user: Any, filters: EntryFilter) -> QuerySet[OutreachEntry]:
    return (
        _filter_entries(entries_for(user=user), filters)
        .prefetch_related("needs")
        .order_by("-date", "-pk")
    )


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
