"""Reads of the learning groups: always narrowed to the groups a user belongs to or leads
(coordinators: all), with a fixed number of queries."""

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.utils import timezone

from huis.accounts.access import is_coordinator
from huis.accounts.roles import Role
from huis.places.models import ACTIVE_STATUSES, PlaceClaim

from ..models import LearningGroup, LearningSession


def _groups_of(user: Any) -> QuerySet[LearningGroup]:
    groups = LearningGroup.objects.all()
    if is_coordinator.test(user):
        return groups
    if not getattr(user, "is_authenticated", False):
        return groups.none()
    own = LearningGroup.members.through.objects.filter(user_id=user.pk).values("learninggroup_id")
    return groups.filter(Q(coordinator_id=user.pk) | Q(pk__in=own))


def groups_for(*, user: Any) -> QuerySet[LearningGroup]:
    """The groups `user` may see, with the count of members and the next session."""
    now = timezone.now()
    return (
        _groups_of(user)
        .select_related("coordinator")
        .annotate(
            member_count=Count("members", distinct=True),
            next_session=Min(
                "sessions__starts_at",
                filter=Q(sessions__starts_at__gte=now, sessions__is_cancelled=False),
            ),
        )
        .order_by("name", "pk")
    )


def group_for(*, user: Any) -> QuerySet[LearningGroup]:
    """One group's page: its members come along (for the rules and the page)."""
    return (
        _groups_of(user)
        .select_related("coordinator")
        .prefetch_related(Prefetch("members", get_user_model().objects.order_by("display_name")))
    )


def sessions_of(*, group: LearningGroup) -> QuerySet[LearningSession]:
    return group.sessions.select_related("room", "offering").order_by("starts_at", "pk")


def session_for(*, user: Any) -> QuerySet[LearningSession]:
    """Sessions of the groups `user` may see (anyone else: not found)."""
    return (
        LearningSession.objects.filter(group__in=_groups_of(user))
        .select_related("group", "group__coordinator", "room", "offering")
        .prefetch_related(
            Prefetch("group__members", get_user_model().objects.order_by("display_name"))
        )
    )


def session_claims(*, session: LearningSession) -> list[PlaceClaim]:
    """Who signed up (with a place or waiting), in order."""
    if not session.offering_id:
        return []
    return list(
        PlaceClaim.objects.filter(offering_id=session.offering_id, status__in=ACTIVE_STATUSES)
        .select_related("user")
        .order_by("status", "rank", "pk")
    )


def own_claim(*, session: LearningSession, user: Any) -> PlaceClaim | None:
    if not session.offering_id:
        return None
    return (
        PlaceClaim.objects.filter(
            offering_id=session.offering_id, user_id=user.pk, status__in=ACTIVE_STATUSES
        )
        .order_by("pk")
        .first()
    )


def eligible_members() -> QuerySet:
    """Who can be a member: partner workers and experts by experience with an active account."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.PARTNER_WORKER, Role.EXPERT])
        .distinct()
        .order_by("display_name", "pk")
    )


def eligible_coordinators() -> QuerySet:
    """Who can coordinate a group: a partner worker or one of the house's people."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__name__in=[Role.PARTNER_WORKER, Role.STAFF, Role.COORDINATOR],
        )
        .distinct()
        .order_by("display_name", "pk")
    )
