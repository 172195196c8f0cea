"""Reads of the proposals: the public page, the proposer's own link and list, the house's list."""

from typing import Any

from django.db.models import QuerySet

from huis.accounts.access import is_house

from .models import Proposal
from .services.proposals import proposal_token_hash

PUBLIC_PAGE_SIZE = 50


def public_proposals() -> list[Proposal]:
    """Answered proposals the house chose to show, newest answer first (no names shown)."""
    return list(
        Proposal.objects.filter(is_public=True)
        .exclude(status=Proposal.Status.NEW)
        .only("kind", "title", "text", "status", "answer", "answered_at", "created_at")
        .order_by("-answered_at", "-pk")[:PUBLIC_PAGE_SIZE]
    )


def proposal_from_token(*, token: str) -> Proposal | None:
    if not token or len(token) > 64:
        return None
    return Proposal.objects.filter(token_hash=proposal_token_hash(token)).first()


def proposals_of(*, user: Any) -> list[Proposal]:
    if not user.is_authenticated:
        return []
    return list(Proposal.objects.filter(user=user).order_by("-created_at", "-pk")[:100])


def proposals_to_answer(*, user: Any, status: str = "") -> QuerySet[Proposal]:
    """The house's list: all proposals (waiting ones first), for the house's people only."""
    if not is_house.test(user):
        return Proposal.objects.none()
    queryset = Proposal.objects.select_related("answered_by")
    if status in Proposal.Status.values:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-pk")
