"""Reads of the pool of experts: the profiles a user may open, the list, an expert's own
dashboard and calendar feed."""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from huis.accounts.access import is_coordinator, visible_to
from huis.places.models import PlaceClaim

from ..models import Assignment, Expert, IntervisionSession
from ..models.request import AssignmentStatus, ReportStatus
from .assignments import year_totals


def experts_for(*, user: Any) -> QuerySet[Expert]:
    """Profiles `user` may open: coordinators all, an expert their own."""
    return visible_to(user, Expert.objects.select_related("user"), person_field="user")


def experts_list(*, user: Any) -> QuerySet[Expert]:
    rows = visible_to(user, Expert.objects.all(), everything_for=is_coordinator)
    return rows.select_related("user").prefetch_related("themes").order_by("user__display_name")


def expert_for_user(*, user: Any) -> Expert | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Expert.objects.filter(user=user).select_related("user").first()


def expert_dashboard(*, expert: Expert) -> dict:
    now = timezone.now()
    base = Assignment.objects.filter(expert=expert).select_related("request__work_kind")
    return {
        "proposals": list(
            base.filter(status=AssignmentStatus.PROPOSED, starts_at__gt=now).order_by("starts_at")
        ),
        "upcoming": list(
            base.filter(status=AssignmentStatus.ACCEPTED, ends_at__gt=now).order_by("starts_at")
        ),
        "to_report": list(
            base.filter(
                status=AssignmentStatus.ACCEPTED,
                starts_at__lte=now,
                report_status__in=[
                    ReportStatus.NONE,
                    ReportStatus.REPORTED,
                    ReportStatus.RETURNED,
                ],
            ).order_by("starts_at")[:20]
        ),
        "totals": year_totals(expert=expert, year=timezone.localdate().year),
    }


def feed_items(*, expert: Expert) -> tuple[list[Assignment], list[IntervisionSession]]:
    since = timezone.now() - dt.timedelta(days=90)
    assignments = list(
        Assignment.objects.filter(
            expert=expert, status=AssignmentStatus.ACCEPTED, ends_at__gte=since
        ).select_related("request__work_kind")
    )
    sessions = list(
        IntervisionSession.objects.filter(
            ends_at__gte=since,
            offering__claims__user=expert.user,
            offering__claims__status=PlaceClaim.Status.CONFIRMED,
        ).distinct()
    )
    return assignments, sessions
