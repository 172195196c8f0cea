"""Reads of a chain of referrals (one intake passed on from partner to partner) and of the
outcomes of referrals another function started (kwartiermaken's outreach)."""

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, QuerySet

from ..models import Referral
from .referrals import referrals_for


def referral_chain(*, referral: Referral) -> list[Referral]:
    """Every referral of the chain `referral` belongs to, first first: organisations, status and
    dates only (the person's details follow each referral's own rule). One query."""
    root = referral.chain_root_id
    return list(
        (Referral.objects.filter(pk=root) | Referral.objects.filter(root_id=root))
        .select_related("from_organisation", "to_organisation")
        .order_by("created_at", "pk")
    )


# The versioned-cache scope every save of a referral bumps (watched in netwerk.report): other
# functions that keep counts of referrals (kwartiermaken's overview) keep them under it.
REFERRALS_SCOPE = "report-netwerk"


def referral_outcomes(*, referral_ids: Iterable[int] | QuerySet) -> dict[str, int]:
    """How many of these referrals are in each status (every status present, zero or more),
    counted over their whole chains' ends: a referral passed on counts by its own status."""
    counts = dict.fromkeys(Referral.Status.values, 0)
    rows = (
        Referral.objects.filter(pk__in=referral_ids)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in rows:
        counts[row["status"]] = row["n"]
    return counts


def referral_links(*, referral_ids: Iterable[int], user: Any) -> dict[int, Referral]:
    """The referrals among `referral_ids` that `user` may open, by id (for links elsewhere)."""
    return {
        referral.pk: referral
        for referral in referrals_for(user=user).filter(pk__in=list(referral_ids))
    }
