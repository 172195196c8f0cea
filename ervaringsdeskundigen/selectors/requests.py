"""Reads of requests for experience experts: the coordinators' inbox, a request's page (cached),
the organisations a request can be linked to and their requests."""

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from huis.accounts.access import is_coordinator, visible_to
from huis.accounts.models import Organisation

from .. import caching
from ..models import Assignment, ExpertRequest, RequestEvent

PAGE_SIZE = 25


def requests_inbox(
    *, user: Any, status: str = "", after: tuple[dt.datetime, int] | None = None
) -> tuple[list[ExpertRequest], bool]:
    """Coordinators' inbox, newest first, keyset-paginated (no OFFSET, no COUNT)."""
    rows = visible_to(user, ExpertRequest.objects.all(), everything_for=is_coordinator)
    if status:
        rows = rows.filter(status=status)
    if after is not None:
        moment, pk = after
        rows = rows.filter(Q(created_at__lt=moment) | Q(created_at=moment, id__lt=pk))
    rows = rows.select_related("work_kind", "handler").order_by("-created_at", "-id")
    page = list(rows[: PAGE_SIZE + 1])
    return page[:PAGE_SIZE], len(page) > PAGE_SIZE


def requests_for(*, user: Any) -> QuerySet[ExpertRequest]:
    """The requests `user` may open (coordinators: all); pages fetch one from here."""
    return visible_to(user, ExpertRequest.objects.all(), everything_for=is_coordinator)


def organisations_for(*, user: Any) -> QuerySet[Organisation]:
    """Organisations whose requests `user` may list (coordinators)."""
    return visible_to(user, Organisation.objects.all(), everything_for=is_coordinator)


def requests_for_detail() -> QuerySet[ExpertRequest]:
    """Requests with what their page shows; the page fetches and authorises from this."""
    assignments = Assignment.objects.select_related("expert__user").order_by("proposed_at")
    return ExpertRequest.objects.select_related(
        "work_kind", "handler", "spoken_language", "place_region", "organisation", "evaluation"
    ).prefetch_related(
        "themes",
        Prefetch("assignments", queryset=assignments),
        Prefetch("events", queryset=_events()),
    )


def request_for_detail(*, request_id: int) -> ExpertRequest | None:
    """A request with everything its page shows, kept in the cache under the versions of the
    pool and the requests (see .caching): a change of anything on the page renews it."""
    return caching.REQUEST.get_or_set(
        request_id, compute=lambda: requests_for_detail().filter(pk=request_id).first()
    )


def organisations_matching(*, user: Any, text: str) -> list[Organisation]:
    """Organisations of the portal whose name contains the text, for linking a request."""
    text = text.strip()
    if not text or not is_coordinator(user):
        return []
    return list(
        Organisation.objects.filter(is_active=True, name__icontains=text[:100]).order_by("name")[
            :10
        ]
    )


def organisation_requests(
    *, user: Any, organisation: Organisation, after: tuple[dt.datetime, int] | None = None
) -> tuple[list[ExpertRequest], bool]:
    """One organisation's requests, newest first, keyset-paginated."""
    rows = visible_to(
        user,
        ExpertRequest.objects.filter(organisation=organisation),
        everything_for=is_coordinator,
    )
    if after is not None:
        moment, pk = after
        rows = rows.filter(Q(created_at__lt=moment) | Q(created_at=moment, id__lt=pk))
    rows = rows.select_related("work_kind", "handler").order_by("-created_at", "-id")
    page = list(rows[: PAGE_SIZE + 1])
    return page[:PAGE_SIZE], len(page) > PAGE_SIZE


def _events() -> QuerySet:
    return RequestEvent.objects.select_related("actor").order_by("at", "id")
