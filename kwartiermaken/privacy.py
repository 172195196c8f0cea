"""Kwartiermaken's part of "download my data", "delete my account" and the retention sweep.

A worker's data here is the work they logged and the signals and recommendations they wrote.
Erasing an account keeps those rows (the city's figures depend on them) and removes the link to the
person. Notes and contact codes are the most sensitive part of an entry: after the retention period
they are erased, the counts stay.
"""

import datetime as dt
from typing import Any

from django.db import transaction

from huis.audit.services import log_action

from .models import OutreachEntry, PolicyRecommendation, Signal

NOTES_RETENTION_DAYS = 3 * 365


def export_person(user: Any) -> dict:
    entries = (
        OutreachEntry.objects.filter(created_by=user)
        .select_related("organisation", "neighbourhood")
        .prefetch_related("needs")
        .order_by("date", "pk")
    )
    signals = Signal.objects.filter(created_by=user).select_related("organisation", "neighbourhood")
    recommendations = PolicyRecommendation.objects.filter(created_by=user)
    return {
        # The notes and contact codes are about other people: they are not part of a worker's
        # own data download.
        "outreach_entries": [
            {
                "id": e.pk,
                "date": e.date.isoformat(),
                "organisation": e.organisation.name,
                "neighbourhood": e.neighbourhood.name,
                "kind": e.kind,
                "people_reached": e.people_reached,
                "needs": [n.name for n in e.needs.all()],
                "referrals": e.referrals,
                "follow_up_on": e.follow_up_on.isoformat() if e.follow_up_on else None,
                "created_at": e.created_at.isoformat(),
            }
            for e in entries
        ],
        "signals": [
            {
                "id": s.pk,
                "date": s.observed_on.isoformat(),
                "organisation": s.organisation.name,
                "neighbourhood": s.neighbourhood.name,
                "category": s.category,
                "service": s.service,
                "description": s.description,
                "times_seen": s.times_seen,
            }
            for s in signals.order_by("observed_on", "pk")
        ],
        "policy_recommendations": [
            {
                "id": r.pk,
                "title": r.title,
                "status": r.status,
                "created_at": r.created_at.isoformat(),
            }
            for r in recommendations.order_by("created_at", "pk")
        ],
    }


def erase_person(user: Any) -> None:
    """Keep the work (it is counted), forget who logged it."""
    OutreachEntry.objects.filter(created_by=user).update(created_by=None)
    Signal.objects.filter(created_by=user).update(created_by=None)
    PolicyRecommendation.objects.filter(created_by=user).update(created_by=None)


@transaction.atomic
def purge_notes(*, cutoff: dt.datetime) -> int:
    """Erase notes and contact codes of entries logged before `cutoff`; the counts stay."""
    stale = OutreachEntry.objects.filter(created_at__lt=cutoff).exclude(notes="", contact_codes=[])
    count = stale.update(notes="", contact_codes=[])
    if count:
        log_action(
            actor=None,
            action="kwartiermaken.notes_purged",
            data={"entries": count, "cutoff": cutoff.isoformat()},
        )
    return count
