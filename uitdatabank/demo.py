"""Demo part of UiTdatabank publishing: the house linked to a (fictional) UiTdatabank place and a
few coming activities in each state, so the staff page shows what it looks like. Nothing is sent:
the demo house has no client credentials. Idempotent (rows are found by their keys)."""

import datetime as dt

from django.utils import timezone

from huis.core.registry import register_demo_seeder

from . import sources
from .models import Change, Publication, Venue

DEMO_PLACE = "9c1e6f3a-1b2d-4c5e-8f70-0a1b2c3d4e5f"
DEMO_EVENTS = [
    "2f0c7a51-6d3e-4b8a-9c1f-5e7d8a9b0c11",
    "2f0c7a51-6d3e-4b8a-9c1f-5e7d8a9b0c12",
]
REFUSED = "HTTP 400: Invalid body data - /terms Term 0.3.1.0.1 is not allowed for this event"


@register_demo_seeder("uitdatabank", order=90)
def seed(*, stdout=None) -> None:
    Venue.objects.get_or_create(
        key="house", defaults={"place_id": DEMO_PLACE, "name": "Huis met vele kamers"}
    )
    rows = sources.upcoming()[:5]
    now = timezone.now()
    for index, listed in enumerate(rows):
        publication, created = Publication.objects.get_or_create(
            source=listed.source, object_id=listed.pk, defaults={"wanted": index < 4}
        )
        if not created:
            continue
        if index < 2:  # published
            publication.event_id = DEMO_EVENTS[index]
            publication.sent_status = "cancelled" if listed.cancelled else "published"
            publication.last_sent_at = now
            publication.save()
        elif index == 2:  # refused by publiq: staff read why and try again
            Change.objects.create(
                publication=publication,
                kind=Change.Kind.SYNC,
                status=Change.Status.FAILED,
                due_at=now,
                attempts=1,
                requests=1,
                error=REFUSED,
            )
        elif index == 3:  # on its way
            Change.objects.create(
                publication=publication, kind=Change.Kind.SYNC, due_at=now + dt.timedelta(days=365)
            )
