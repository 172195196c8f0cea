"""Reads of persons: only those the user's own organisation registered, and the person a
worker may start guidance for."""

from typing import Any

from django.db.models import Prefetch, QuerySet

from huis.accounts.access import organisation_ids

from ..models import Consent, GuidanceAgreement, Person, Referral
from ..permissions import is_worker
from .consent import may_see_person_details


def persons_for(*, user: Any) -> QuerySet[Person]:
    """Persons the user may see in full: registered by their own organisation, nobody else's."""
    queryset = Person.objects.select_related("organisation", "created_by")
    if not is_worker.test(user):
        return queryset.none()
    return queryset.filter(organisation__in=organisation_ids(user))


def consents_of_persons_for(*, user: Any) -> QuerySet[Consent]:
    """The consents of the persons `user` may see in full (`persons_for`), nobody else's."""
    return Consent.objects.filter(person__in=persons_for(user=user).values("pk")).select_related(
        "person"
    )


def person_with_details(*, user: Any) -> QuerySet[Person]:
    return persons_for(user=user).prefetch_related(
        Prefetch(
            "consents",
            queryset=Consent.objects.select_related("withdrawal", "recorded_by")
            .prefetch_related("organisations")
            .order_by("-recorded_at", "-pk"),
        ),
        Prefetch(
            "referrals",
            queryset=Referral.objects.select_related("to_organisation").order_by("-created_at"),
        ),
        Prefetch(
            "guidance_agreements",
            queryset=GuidanceAgreement.objects.select_related("lead_organisation"),
        ),
    )


def person_for_guidance(*, user: Any, referral: Referral | None, person_id: int | None):
    """The person a worker may start guidance for: one their organisation registered, or the
    person of a referral their organisation accepted, while that consent is active."""
    if referral is not None:
        if referral.status not in (Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS):
            return None
        if not may_see_person_details(user=user, referral=referral):
            return None
        return referral.person
    if person_id is None:
        return None
    return persons_for(user=user).filter(pk=person_id).first()
