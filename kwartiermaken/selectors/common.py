"""What the reads of kwartiermaken share: the neighbourhoods and needs in use, an open
follow-up, and a counted row."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ..models import Need, Neighbourhood

OPEN_FOLLOW_UP = Q(follow_up_on__isnull=False, follow_up_done_at__isnull=True)


def active_neighbourhoods() -> QuerySet[Neighbourhood]:
    return Neighbourhood.objects.filter(is_active=True)


def active_needs() -> QuerySet[Need]:
    return Need.objects.filter(is_active=True)


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int
    seen: int = 0
