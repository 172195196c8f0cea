"""The family's or person's consent: whether it stands, and who may read the person's details
because of it (decided on every read: a withdrawal stops the sharing at once)."""

from typing import Any

from django.db.models import Q, QuerySet

from huis.accounts.access import organisation_ids

from ..models import Consent, ConsentWithdrawal, Referral


def consent_is_active(consent: Consent) -> bool:
    """True until the person withdraws it. Uses a select_related withdrawal when there is one."""
    try:
        consent.withdrawal  # noqa: B018 - the reverse one-to-one; cached when select_related
    except ConsentWithdrawal.DoesNotExist:
        return True
    return False


def active_consent_q(prefix: str = "consent") -> Q:
    """`consent_is_active` as a filter, for lists of rows that point at a consent (no query per
    row): `prefix` is the path to the consent (`"consent"`, `"application__consent"`; `""` for
    a list of consents itself)."""
    return Q(**{f"{prefix}__withdrawal__isnull" if prefix else "withdrawal__isnull": True})


def active_consents_recorded_by(*, user: Any) -> QuerySet[Consent]:
    """Consents the user's organisations recorded and that still stand (for another function
    to base its work on, such as an application in trajecten)."""
    return (
        Consent.objects.filter(recorded_by_organisation__in=organisation_ids(user))
        .filter(active_consent_q(""))
        .select_related("person", "recorded_by_organisation")
        .order_by("person__alias", "-recorded_at")
    )


def may_see_person_details(*, user: Any, referral: Referral) -> bool:
    """Who may read the person's alias, contact, question and what is needed.

    The organisation that registered the person always: it holds its own record (also on the
    referrals its partners passed on). A sender or receiver of this referral only while the
    consent is active and names it. Nobody else, coordinators included: they follow the
    referral (organisations, status, history), not the person.
    """
    orgs = organisation_ids(user)
    if referral.person.organisation_id in orgs and (
        referral.from_organisation_id in orgs or referral.root_id is not None
    ):
        return True
    parties = {referral.from_organisation_id, referral.to_organisation_id} & set(orgs)
    if not parties or not consent_is_active(referral.consent):
        return False
    return any(o.pk in parties for o in referral.consent.organisations.all())
