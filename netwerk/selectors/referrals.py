"""Reads of referrals: the inbox, the sent list and one referral with its history."""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet

from huis.accounts.access import organisation_ids

from ..models import Referral, ReferralEvent
from ..permissions import is_worker, referrals_narrowed
from .consent import consent_is_active, may_see_person_details

PAGE_SIZE = 25

REFERRAL_BOXES = ("in", "out", "all")


@dataclass(frozen=True)
class ReferralFilter:
    box: str = "in"
    status: str = ""


def referrals_for(*, user: Any) -> QuerySet[Referral]:
    return referrals_narrowed(
        user,
        Referral.objects.select_related(
            "person",
            "consent",
            "consent__withdrawal",
            "from_organisation",
            "to_organisation",
            "from_worker",
        ),
    )


def referral_page(*, user: Any, filters: ReferralFilter, page: str | int = 1):
    """One page of the inbox (received), the sent list, or (coordinators) all referrals."""
    queryset = referrals_for(user=user)
    orgs = organisation_ids(user)
    if filters.box == "in":
        queryset = queryset.filter(to_organisation__in=orgs)
    elif filters.box == "out":
        queryset = queryset.filter(from_organisation__in=orgs)
    if filters.status in Referral.Status.values:
        queryset = queryset.filter(status=filters.status)
    queryset = queryset.prefetch_related("consent__organisations").order_by("-created_at", "-pk")
    paginator = Paginator(queryset, PAGE_SIZE)
    page_obj = paginator.get_page(page)
    rows = [
        {
            "referral": referral,
            "show_person": may_see_person_details(user=user, referral=referral),
            "consent_active": consent_is_active(referral.consent),
        }
        for referral in page_obj.object_list
    ]
    return page_obj, rows


def inbox_counts(*, user: Any) -> dict[str, int]:
    """How many referrals wait for the user's organisations, and how many they sent are open."""
    orgs = organisation_ids(user)
    if not orgs or not is_worker.test(user):
        return {"waiting": 0, "open_sent": 0}
    result = Referral.objects.aggregate(
        waiting=Count("pk", filter=Q(to_organisation__in=orgs, status=Referral.Status.SENT)),
        open_sent=Count(
            "pk", filter=Q(from_organisation__in=orgs, status__in=Referral.OPEN_STATUSES)
        ),
    )
    return result


def referral_with_details(*, user: Any) -> QuerySet[Referral]:
    """For fetch_for: the referral, its consent (with withdrawal) and its history."""
    return referrals_for(user=user).prefetch_related(
        "consent__organisations",
        Prefetch(
            "events",
            queryset=ReferralEvent.objects.select_related("by", "organisation").order_by(
                "at", "pk"
            ),
        ),
    )


def referrals_for_privacy(*, user: Any) -> QuerySet[Referral]:
    """For a privacy request on behalf of the referred person: the house's people every referral,
    a partner's worker those their organisation sent; nobody else any."""
    from huis.accounts.access import is_house

    qs = Referral.objects.select_related("person", "from_organisation", "to_organisation")
    if is_house.test(user):
        return qs
    if not is_worker.test(user):
        return qs.none()
    return qs.filter(from_organisation_id__in=organisation_ids(user))
