"""Reads of intervision sessions, for coordinators and experts."""

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from huis.accounts.access import is_coordinator, is_expert, visible_to
from huis.places.models import PlaceClaim

from ..models import IntervisionSession


def intervision_for(*, user: Any) -> QuerySet[IntervisionSession]:
    """Intervision sessions, for coordinators and experts."""
    rows = IntervisionSession.objects.select_related("offering")
    return visible_to(user, rows, everything_for=is_coordinator | is_expert)


def intervision_sessions(*, user: Any, past: bool = False) -> list[IntervisionSession]:
    now = timezone.now()
    rows = IntervisionSession.objects.select_related("offering", "room")
    rows = (
        rows.filter(ends_at__lt=now).order_by("-starts_at")
        if past
        else rows.filter(ends_at__gte=now).order_by("starts_at")
    )
    sessions = list(rows[:50])
    own = {}
    if getattr(user, "is_authenticated", False):
        own = {
            c.offering_id: c
            for c in PlaceClaim.objects.filter(
                user=user,
                offering_id__in=[s.offering_id for s in sessions],
                status__in=["confirmed", "waiting", "offered"],
            )
        }
    for session in sessions:
        session.own_claim = own.get(session.offering_id)
    return sessions
