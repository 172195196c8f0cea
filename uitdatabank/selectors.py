"""Reads of uitdatabank, for staff: every public activity and course not over yet with the state
of its publication (a fixed number of queries, whatever the number of rows)."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import get_language

from huis.core.versioned_cache import Cached

from . import client, sources
from .models import CategoryMapping, Change, FacilityMapping, Publication, Venue
from .organizers import current_organizer_id


class State:
    NOT_PUBLISHED = "not_published"
    WAITING = "waiting"
    PUBLISHED = "published"
    FAILED = "failed"


@dataclass(frozen=True)
class Row:
    listed: sources.Listed
    publication: Publication | None
    wanted: bool
    state: str
    reason: str
    event_url: str

    @property
    def event_id(self) -> str:
        return self.publication.event_id if self.publication else ""


def _state(publication: Publication | None, changes: list[Change]) -> tuple[str, str]:
    failed = [c for c in changes if c.status == Change.Status.FAILED]
    if failed:
        return State.FAILED, failed[-1].error
    if any(c.status in (Change.Status.PENDING, Change.Status.SENDING) for c in changes):
        waiting = [c.error for c in changes if c.error and c.status == Change.Status.PENDING]
        return State.WAITING, waiting[-1] if waiting else ""
    if (
        publication
        and publication.event_id
        and publication.sent_status
        in (
            "published",
            "cancelled",
        )
    ):
        return State.PUBLISHED, ""
    return State.NOT_PUBLISHED, ""


# What is coming, as the page lists it: kept under the programme's, the courses' and the places'
# versions (any change of an activity, series, course, room or offering bumps them), and for a
# minute at most, since the clock alone takes what is over off the list.
UPCOMING = Cached(
    name="uitdatabank-upcoming",
    scopes=("ontmoeting", "herstelacademie", "places"),
    timeout=60,
    code=("uitdatabank.sources",),
)


def upcoming() -> list[sources.Listed]:
    """`sources.upcoming()`, kept per language (the kinds' labels are in it)."""
    return UPCOMING.get_or_set(get_language(), compute=sources.upcoming)


def event_page_url(event_id: str) -> str:
    """Where staff see the event at publiq: UiTdatabank's own page for it."""
    host = "https://www.uitdatabank.be"
    if settings.UITDATABANK_ENVIRONMENT == "test":
        host = "https://test.uitdatabank.be"
    return f"{host}/event/{event_id}/preview"


def publication_rows(*, user: Any, state: str = "") -> list[Row]:
    listed = upcoming()
    keys = {(row.source, row.pk) for row in listed}
    publications = {
        (p.source, p.object_id): p
        for p in Publication.objects.filter(object_id__in={pk for _s, pk in keys})
        if (p.source, p.object_id) in keys
    }
    changes: dict[int, list[Change]] = {}
    for change in Change.objects.filter(publication__in=list(publications.values())).exclude(
        status=Change.Status.DONE
    ):
        changes.setdefault(change.publication_id, []).append(change)
    defaults = dict(CategoryMapping.objects.values_list("key", "publish_by_default"))
    rows = []
    for item in listed:
        publication = publications.get((item.source, item.pk))
        item_state, reason = _state(
            publication, changes.get(publication.pk, []) if publication else []
        )
        if state and item_state != state:
            continue
        wanted = publication.wanted if publication else defaults.get(item.kind_key, False)
        rows.append(
            Row(
                listed=item,
                publication=publication,
                wanted=wanted,
                state=item_state,
                reason=reason,
                event_url=event_page_url(publication.event_id)
                if publication and publication.event_id
                else "",
            )
        )
    return rows


def publications_to_manage(*, user: Any) -> QuerySet[Publication]:
    return Publication.objects.all()


def category_mappings(*, user: Any) -> QuerySet[CategoryMapping]:
    return CategoryMapping.objects.all()


def facility_mappings(*, user: Any) -> list[tuple[str, FacilityMapping]]:
    """(the house's word for it, its mapping), for every accessibility fact."""
    return [
        (sources.ACCESSIBILITY_LABELS.get(m.field, m.field), m)
        for m in FacilityMapping.objects.all()
    ]


def venues(*, user: Any) -> list[Venue]:
    return list(Venue.objects.all())


def connection(*, user: Any) -> dict:
    return {
        "configured": client.is_configured(),
        "environment": settings.UITDATABANK_ENVIRONMENT,
        "organizer_id": current_organizer_id(),
    }
