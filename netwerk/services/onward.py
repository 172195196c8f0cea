"""Passing a referral on: the receiver hands the person's question to the next partner, with the
person's consent, carrying the intake along (their own words, needs, what was tried) so that
nobody asks them again.

The consent decides: it names the organisations the person agrees to share with, and which of
them may pass a referral on. A withdrawal stops any passing on at once (checked under a lock on
the consent, so a withdrawal and a passing on never cross).
"""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from huis.accounts.access import organisation_ids
from huis.accounts.models import Organisation
from huis.audit.services import log_action
from huis.core.locking import lock

from ..models import Consent, Referral, ReferralEvent
from ..selectors import consent_is_active, network_organisations
from .errors import NetwerkError

PASS_ON_STATUSES = (Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS)


def _chain(referral: Referral):
    root = referral.chain_root_id
    return Referral.objects.filter(pk=root) | Referral.objects.filter(root_id=root)


def pass_on_targets(*, referral: Referral) -> list[Organisation]:
    """The organisations this referral may go on to: named in the consent, still in the network,
    not the receiver itself and not already holding an open referral of this chain."""
    busy = set(
        _chain(referral)
        .filter(status__in=Referral.OPEN_STATUSES)
        .values_list("to_organisation_id", flat=True)
    )
    busy |= {referral.to_organisation_id, referral.person.organisation_id}
    return list(
        network_organisations()
        .filter(network_consents=referral.consent_id)
        .exclude(pk__in=busy)
        .order_by("name")
    )


def pass_on_refusal(*, referral: Referral, user: Any) -> str | None:
    """Why `user` may not pass this referral on now (None: they may). The page asks it which
    button to show; the service asks it again, under lock, before it writes."""
    if referral.to_organisation_id not in organisation_ids(user):
        return gettext("Only the receiving organisation passes a referral on.")
    if not consent_is_active(referral.consent):
        return gettext("The person withdrew their consent: nothing can be passed on.")
    if not referral.consent.may_pass_on.filter(pk=referral.to_organisation_id).exists():
        return gettext(
            "The person did not agree that your organisation passes this on. Ask the sender "
            "to record a new consent with the person."
        )
    if referral.status not in PASS_ON_STATUSES:
        return gettext("Accept the referral first; then you can pass it on.")
    return None


@transaction.atomic
def referral_pass_on(
    *,
    referral: Referral,
    actor: Any,
    to_organisation: Organisation,
    note: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """A new referral in the same chain, from the receiver to `to_organisation`, under the same
    consent and with the same intake; the note adds what the next partner needs to know."""
    lock(Consent.objects, referral.consent_id)
    locked = lock(Referral.objects.select_related("person", "consent"), referral.pk, of=("self",))
    refusal = pass_on_refusal(referral=locked, user=actor)
    if refusal:
        raise NetwerkError(refusal)
    if to_organisation.pk not in {o.pk for o in pass_on_targets(referral=locked)}:
        raise NetwerkError(
            _("The person did not agree to share with this organisation, or it already has it."),
            field="to_organisation",
        )
    note = note.strip()
    minimum_needed = locked.minimum_needed
    if note:
        minimum_needed = f"{minimum_needed}\n\n{locked.to_organisation.name}: {note}".strip()
    onward = Referral.objects.create(
        person=locked.person,
        consent=locked.consent,
        from_organisation=locked.to_organisation,
        from_worker=actor,
        to_organisation=to_organisation,
        question=locked.question,
        minimum_needed=minimum_needed,
        tried=locked.tried,
        needs=locked.needs,
        origin=Referral.Origin.PASSED_ON,
        parent=locked,
        root_id=locked.chain_root_id,
    )
    ReferralEvent.objects.create(
        referral=onward,
        by=actor,
        organisation=locked.to_organisation,
        to_status=onward.status,
        note=gettext("Passed on from %(name)s, with the intake.")
        % {"name": locked.to_organisation.name},
    )
    ReferralEvent.objects.create(
        referral=locked,
        by=actor,
        organisation=locked.to_organisation,
        from_status=locked.status,
        to_status=locked.status,
        note=gettext("Passed on to %(name)s.") % {"name": to_organisation.name},
    )
    log_action(
        actor=actor,
        action="netwerk.referral_passed_on",
        obj=onward,
        data={
            "parent": locked.pk,
            "root": onward.root_id,
            "from": locked.to_organisation_id,
            "to": to_organisation.pk,
        },
        request=request,
    )
    return onward
