"""Reads of shared guidance: agreements, their evaluations and handovers."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from huis.accounts.access import is_coordinator

from ..models import GuidanceAgreement, GuidanceEvaluation, GuidanceHandover
from ..permissions import guidance_narrowed


def guidance_for(*, user: Any) -> QuerySet[GuidanceAgreement]:
    return guidance_narrowed(
        user,
        GuidanceAgreement.objects.select_related(
            "person", "lead_organisation", "previous_lead_organisation"
        ).prefetch_related("partners"),
    )


def guidance_list(*, user: Any, status: str = GuidanceAgreement.Status.ACTIVE):
    queryset = guidance_for(user=user)
    if status in GuidanceAgreement.Status.values:
        queryset = queryset.filter(status=status)
    return queryset.order_by("ends_on", "pk")


def guidance_without_lead(*, user: Any) -> QuerySet[GuidanceAgreement]:
    """Open guidance whose lead partner withdrew and that nobody took over yet (coordinators)."""
    if not is_coordinator.test(user):
        return GuidanceAgreement.objects.none()
    return (
        guidance_for(user=user)
        .filter(status=GuidanceAgreement.Status.ACTIVE, lead_organisation__isnull=True)
        .order_by("lead_withdrawn_at", "pk")
    )


def guidance_with_details(*, user: Any) -> QuerySet[GuidanceAgreement]:
    return guidance_for(user=user).prefetch_related(
        Prefetch(
            "evaluations",
            queryset=GuidanceEvaluation.objects.select_related("done_by").order_by("planned_on"),
        ),
        Prefetch(
            "handovers",
            queryset=GuidanceHandover.objects.select_related(
                "from_organisation", "to_organisation", "by"
            ),
        ),
    )


def evaluations_for(*, user: Any) -> QuerySet[GuidanceEvaluation]:
    return GuidanceEvaluation.objects.filter(
        agreement__in=guidance_for(user=user).values("pk")
    ).select_related("agreement")


def upcoming_evaluations(*, user: Any, limit: int = 5) -> list[GuidanceEvaluation]:
    from django.utils import timezone

    return list(
        evaluations_for(user=user)
        .filter(done_at__isnull=True, planned_on__gte=timezone.localdate())
        .select_related("agreement__person")
        .order_by("planned_on")[:limit]
    )
