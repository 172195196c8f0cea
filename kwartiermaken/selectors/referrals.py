"""Reads of the referrals started from outreach: the ones of an entry (as links the user may
open) and their outcomes in the overview (asked of netwerk, which holds the referrals)."""

from typing import Any

from django.db.models import QuerySet

from netwerk import selectors as netwerk_selectors

from ..models import OutreachEntry, OutreachReferral
from .overview import OverviewFilter, _overview_entries

OUTCOME_ORDER = ("sent", "accepted", "in_progress", "closed", "declined")


def entry_referrals(*, entry: OutreachEntry, user: Any) -> list[Any]:
    """The referrals started from `entry` that `user` may open, oldest first (two queries)."""
    ids = list(
        OutreachReferral.objects.filter(entry=entry)
        .order_by("created_at", "pk")
        .values_list("referral_id", flat=True)
    )
    if not ids:
        return []
    links = netwerk_selectors.referral_links(referral_ids=ids, user=user)
    return [links[pk] for pk in ids if pk in links]


def outreach_referral_outcomes(*, entries: QuerySet[OutreachEntry]) -> dict[str, int]:
    """How many referrals started from these entries are sent, accepted, in progress, closed
    (helped) or declined: one query, whatever the number of entries."""
    referral_ids = OutreachReferral.objects.filter(entry__in=entries.values("pk")).values(
        "referral_id"
    )
    return netwerk_selectors.referral_outcomes(referral_ids=referral_ids)


def overview_referral_outcomes(*, user: Any, filters: OverviewFilter) -> dict[str, int]:
    """The outcomes of referrals started from the outreach the overview counts (live: a
    referral's status changes in netwerk, outside the overview's cached figures)."""
    return outreach_referral_outcomes(entries=_overview_entries(user=user, filters=filters))
