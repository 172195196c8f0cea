"""Reads of the partner network, each for an acting user and with a fixed number of queries.

Lists of referrals and guidance pass `permissions.referrals_narrowed` / `guidance_narrowed`.
Whether a receiver may see a person's details is decided here, on every read, from the consent:
a withdrawal stops the sharing at once, without touching the referral.

One module per entity (the network and its charter, consent, referrals, persons, guidance,
welcoming places); this package re-exports them, so callers write `selectors.referrals_for(...)`.
"""

from .chain import REFERRALS_SCOPE, referral_chain, referral_links, referral_outcomes
from .consent import (
    active_consent_q,
    active_consents_recorded_by,
    consent_is_active,
    may_see_person_details,
)
from .guidance import (
    evaluations_for,
    guidance_for,
    guidance_list,
    guidance_with_details,
    guidance_without_lead,
    upcoming_evaluations,
)
from .network import (
    Member,
    charter_versions,
    current_charter,
    network_members,
    network_organisations,
    organisations_that_may_leave,
    organisations_to_sign,
    signatures_of,
)
from .persons import (
    consents_of_persons_for,
    person_for_guidance,
    person_with_details,
    persons_for,
)
from .places import PlaceFilter, map_points, municipalities, places_to_manage, published_places
from .referrals import (
    PAGE_SIZE,
    REFERRAL_BOXES,
    ReferralFilter,
    inbox_counts,
    referral_page,
    referral_with_details,
    referrals_for,
    referrals_for_privacy,
)

__all__ = [
    "PAGE_SIZE",
    "REFERRALS_SCOPE",
    "REFERRAL_BOXES",
    "Member",
    "PlaceFilter",
    "ReferralFilter",
    "active_consent_q",
    "active_consents_recorded_by",
    "charter_versions",
    "consent_is_active",
    "consents_of_persons_for",
    "current_charter",
    "evaluations_for",
    "guidance_for",
    "guidance_list",
    "guidance_with_details",
    "guidance_without_lead",
    "inbox_counts",
    "map_points",
    "may_see_person_details",
    "municipalities",
    "network_members",
    "network_organisations",
    "organisations_that_may_leave",
    "organisations_to_sign",
    "person_for_guidance",
    "person_with_details",
    "persons_for",
    "places_to_manage",
    "published_places",
    "referral_chain",
    "referral_links",
    "referral_outcomes",
    "referral_page",
    "referral_with_details",
    "referrals_for",
    "referrals_for_privacy",
    "signatures_of",
    "upcoming_evaluations",
]


def open_work_of(user) -> list:
    """Referrals a worker sent or handles that are still open: for handover when they leave
    (huis.core.registry.register_open_work)."""
    from django.db.models import Q

    from huis.core.registry import OpenWork

    from ..models import Referral

    referrals = (
        Referral.objects.filter(
            Q(handled_by=user) | Q(from_worker=user), status__in=Referral.OPEN_STATUSES
        )
        .select_related("from_organisation", "to_organisation")
        .order_by("pk")
    )
    return [
        OpenWork(label=str(referral), url=referral.get_absolute_url()) for referral in referrals
    ]
