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


# What is coming, as the page lists it: kept under the programme's and the courses' versions
# (any change of an activity, series, room or course bumps them; sign-ups do not: the list holds
# no places), and for a minute at most, since the clock alone takes what is over off the list.
UPCOMING = Cached(
    name="uitdatabank-upcoming",
    scopes=("ontmoeting", "herstelacademie"),
    timeout=60,
    code=("uitdatabank.sources",),
)
# One page of that list and its length: what a page of the publishing list reads (a few KB),
# however many hundreds of items are coming (the whole list is over a MB in a full house).
UPCOMING_PAGE = Cached(
    name="uitdatabank-upcoming-page",
    scopes=UPCOMING.scopes,
    timeout=60,
    code=("uitdatabank.sources",),
)


# What bumps it: any save or delete of a publication, a change in its outbox or a kind's defaults
# (uitdatabank/apps.py), and the outbox's writes without signals (services.change_enqueue,
# outbox.claim and a change folded into a newer one).
SCOPE = "uitdatabank"
# One page of the publishing list, drawn: its table and its page links (a CSRF mark in its forms).
# A minute at most, like the list it is drawn from.
TABLE = Cached(
    name="uitdatabank-table",
    scopes=(*UPCOMING.scopes, SCOPE),
    timeout=60,
    code=("uitdatabank",),
)


def upcoming() -> list[sources.Listed]:
    """`sources.upcoming()`, kept per language (the kinds' labels are in it)."""
    return UPCOMING.get_or_set(get_language(), compute=sources.upcoming)


class UpcomingPages:
    """`upcoming()` for a Paginator of `per_page` rows, read one page at a time: its length and
    the page asked for each come from a small kept value, not from the whole list."""

    def __init__(self, per_page: int):
        self.per_page = per_page
        self._pages: dict[int, tuple[int, list[sources.Listed]]] = {}

    def _page(self, index: int) -> tuple[int, list[sources.Listed]]:
        if index not in self._pages:

            def compute() -> tuple[int, list[sources.Listed]]:
                listed = upcoming()
                start = index * self.per_page
                return len(listed), listed[start : start + self.per_page]

            self._pages[index] = UPCOMING_PAGE.get_or_set(
                get_language(), self.per_page, index, compute=compute
            )
        return self._pages[index]

    def fetch(self, number: str | None) -> None:
        """Read the page asked for before the Paginator counts: its length then comes from the
        same kept list as its rows (a page kept a minute apart from another may differ)."""
        try:
            index = int(number or 1) - 1
        except ValueError:
            index = 0
        self._page(max(index, 0))

    def count(self) -> int:
        # The length kept with a page already read (`fetch`), else with the first.
        return next(iter(self._pages.values()))[0] if self._pages else self._page(0)[0]

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index: slice) -> list[sources.Listed]:
        # The Paginator only ever asks for a whole page: [(n - 1) * per_page : n * per_page].
        if not isinstance(index, slice) or (index.start or 0) % self.per_page:
            raise TypeError("UpcomingPages gives whole pages only.")
        return self._page((index.start or 0) // self.per_page)[1]


def event_page_url(event_id: str) -> str:
    """Where staff see the event at publiq: UiTdatabank's own page for it."""
    host = "https://www.uitdatabank.be"
    if settings.UITDATABANK_ENVIRONMENT == "test":
        host = "https://test.uitdatabank.be"
    return f"{host}/event/{event_id}/preview"


def publication_rows(
    *, user: Any, state: str = "", listed: list[sources.Listed] | None = None
) -> list[Row]:
    """The rows of `listed` (default: everything coming) with their publication's state; only
    those in `state` when given. Three queries, whatever the number of rows."""
    listed = upcoming() if listed is None else listed
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
