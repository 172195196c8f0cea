"""Which step a request may take next: the one source for the services that take the step and
the page that offers its button.

`TRANSITIONS` lists the allowed changes of status (no skipping a state). `request_actions` says
which of a coordinator's buttons a request's page shows; each service refuses exactly what the
matching predicate refuses, so a button is never offered for a step the service would refuse.
"""

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from ..models import ExpertRequest
from ..models.request import RequestStatus

S = RequestStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.IN_PROGRESS, S.DECLINED, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.PROPOSED, S.DECLINED, S.CANCELLED}),
    S.PROPOSED: frozenset({S.CONFIRMED, S.IN_PROGRESS, S.CANCELLED}),
    S.CONFIRMED: frozenset({S.DONE, S.PROPOSED, S.IN_PROGRESS, S.CANCELLED}),
    S.DONE: frozenset({S.EVALUATED}),
    S.EVALUATED: frozenset(),
    S.DECLINED: frozenset(),
    S.CANCELLED: frozenset(),
}
# The time is fixed before experts are proposed, and may move while the request is open (the
# experts are then told through the core's change notices); proposing needs a request taken up.
SCHEDULABLE = frozenset({S.NEW, S.IN_PROGRESS, S.PROPOSED, S.CONFIRMED})
PROPOSABLE = frozenset({S.IN_PROGRESS, S.PROPOSED})


def may_move(request: ExpertRequest, to: str) -> bool:
    return to in TRANSITIONS[request.status]


def may_take(request: ExpertRequest) -> bool:
    return request.is_open


def may_schedule(request: ExpertRequest) -> bool:
    return request.status in SCHEDULABLE


def may_propose(request: ExpertRequest) -> bool:
    return request.status in PROPOSABLE


def has_taken_place(request: ExpertRequest) -> bool:
    return request.ends_at is not None and request.ends_at <= timezone.now()


def may_mark_done(request: ExpertRequest) -> bool:
    return may_move(request, S.DONE) and has_taken_place(request)


@dataclass(frozen=True)
class RequestActions:
    """The buttons a request's page offers its coordinator."""

    take: bool
    schedule: bool
    decline: bool
    cancel: bool
    mark_done: bool


def request_actions(*, request: ExpertRequest, user: Any) -> RequestActions:
    return RequestActions(
        # Taking it over from a colleague is a step; taking one's own request again is not.
        take=may_take(request) and request.handler_id != getattr(user, "pk", None),
        schedule=may_schedule(request),
        decline=may_move(request, S.DECLINED),
        cancel=may_move(request, S.CANCELLED),
        mark_done=may_mark_done(request),
    )
