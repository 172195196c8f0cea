"""Reads for the people and organisations page (issue #25), for an acting user."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .access import is_coordinator
from .models import Invitation, Membership, Organisation, User


def _current_members() -> Prefetch:
    return Prefetch(
        "memberships",
        queryset=Membership.objects.filter(ended_on__isnull=True)
        .select_related("user")
        .prefetch_related("user__groups")
        .order_by("user__display_name", "user_id"),
        to_attr="current_members",
    )


def organisations_for_people(*, user: Any) -> QuerySet[Organisation]:
    """Coordinators: every active organisation; a contact person: their own."""
    qs = Organisation.objects.filter(is_active=True).order_by("name")
    if not is_coordinator.test(user):
        qs = qs.filter(
            memberships__user=user,
            memberships__is_contact_person=True,
            memberships__ended_on__isnull=True,
        )
    return qs.prefetch_related(_current_members())


def open_invitations(*, user: Any) -> QuerySet[Invitation]:
    qs = Invitation.objects.filter(
        accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("organisation", "invited_by")
    if not is_coordinator.test(user):
        qs = qs.filter(organisation__in=organisations_for_people(user=user).values("pk"))
    return qs


def people_to_manage(*, user: Any) -> QuerySet[User]:
    qs = User.objects.prefetch_related("groups", "memberships__organisation")
    return qs if is_coordinator.test(user) else qs.none()


def people_without_email(*, user: Any, limit: int = 100) -> list[User]:
    """Active people with no email address (coordinators only): reached by text message or not
    at all. One query."""
    if not is_coordinator.test(user):
        return []
    return list(
        User.objects.filter(email="", is_active=True).order_by("display_name", "pk")[:limit]
    )
