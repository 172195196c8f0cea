"""Persons, their consent and referrals: the intake, and the receiver's steps."""

from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.access import organisation_ids
from huis.accounts.models import Organisation
from huis.audit.services import log_action
from huis.core.locking import lock

from ..models import Consent, ConsentWithdrawal, Person, Referral, ReferralEvent
from ..models.people import CONSENT_TEXT_VERSION, ShareItem
from ..selectors import consent_is_active, network_organisations
from .errors import NetwerkError, check_member

REFERRAL_VIEWED = "netwerk.referral_viewed"
PERSON_VIEWED = "netwerk.person_viewed"


def _clean_items(items: Iterable[str]) -> list[str]:
    cleaned = [item for item in dict.fromkeys(items) if item in ShareItem.values]
    if ShareItem.QUESTION not in cleaned:
        cleaned.insert(0, ShareItem.QUESTION.value)
    return cleaned


@transaction.atomic
def person_register(
    *,
    actor: Any,
    organisation: Organisation,
    alias: str,
    contact: str = "",
    request: HttpRequest | None = None,
) -> Person:
    check_member(actor, organisation)
    alias = alias.strip()
    if not alias:
        raise NetwerkError(_("Give the name or alias the person chooses."), field="alias")
    person = Person.objects.create(
        alias=alias[:80], contact=contact.strip()[:200], organisation=organisation, created_by=actor
    )
    log_action(
        actor=actor,
        action="netwerk.person_registered",
        obj=person,
        data={"organisation": organisation.pk},
        request=request,
    )
    return person


@transaction.atomic
def consent_record(
    *,
    actor: Any,
    person: Person,
    organisations: Iterable[Organisation],
    items: Iterable[str],
    scope: str = "",
    consent_given: bool,
    may_pass_on: Iterable[Organisation] = (),
    request: HttpRequest | None = None,
) -> Consent:
    """A new consent: what may be shared, with which organisations, in the text's version, and
    which of them may pass a referral on to the others it names."""
    check_member(actor, person.organisation)
    if not consent_given:
        raise NetwerkError(
            _("Ask the person for their consent first. Without it, nothing is shared."),
            field="consent_given",
        )
    organisations = [o for o in organisations if o.pk != person.organisation_id]
    if not organisations:
        raise NetwerkError(
            _("Choose at least one organisation the person agrees to share with."),
            field="organisations",
        )
    consent = Consent.objects.create(
        person=person,
        recorded_by=actor,
        recorded_by_organisation=person.organisation,
        items=_clean_items(items),
        scope=scope.strip(),
        text_version=CONSENT_TEXT_VERSION,
    )
    consent.organisations.set(organisations)
    named = {o.pk for o in organisations}
    passers = sorted({o.pk for o in may_pass_on} & named)
    if len(named) > 1 and passers:
        consent.may_pass_on.set(passers)
    else:
        passers = []
    log_action(
        actor=actor,
        action="netwerk.consent_recorded",
        obj=consent,
        data={
            "person": person.pk,
            "organisations": sorted(named),
            "may_pass_on": passers,
        },
        request=request,
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, actor: Any, request: HttpRequest | None = None
) -> ConsentWithdrawal:
    """The person takes their consent back: from this moment nothing more is shared.

    The selectors check the withdrawal on every read, so receivers lose sight of the person's
    details at once; open referrals under this consent get a line in their history. The
    consent's row is locked first, as passing a referral on does (services/onward.py): the
    withdrawal's own foreign-key check waits only at commit, so without it a passing on could
    read the consent as active while the withdrawal is being written.
    """
    lock(Consent.objects, consent.pk)
    try:
        with transaction.atomic():
            withdrawal = ConsentWithdrawal.objects.create(consent=consent, recorded_by=actor)
    except IntegrityError as error:
        raise NetwerkError(_("This consent was already withdrawn.")) from error
    actor_orgs = organisation_ids(actor)
    organisation = (
        consent.recorded_by_organisation
        if consent.recorded_by_organisation_id in (actor_orgs)
        else None
    )
    for referral in Referral.objects.filter(consent=consent):
        ReferralEvent.objects.create(
            referral=referral,
            by=actor,
            organisation=organisation,
            from_status=referral.status,
            to_status=referral.status,
            note=str(_("The person withdrew their consent: nothing more is shared.")),
        )
    log_action(
        actor=actor,
        action="netwerk.consent_withdrawn",
        obj=consent,
        data={"person": consent.person_id},
        request=request,
    )
    return withdrawal


@transaction.atomic
def referral_create(
    *,
    actor: Any,
    from_organisation: Organisation,
    to_organisation: Organisation,
    question: str,
    minimum_needed: str = "",
    consent_given: bool,
    items: Iterable[str] = (),
    scope: str = "",
    also_share_with: Iterable[Organisation] = (),
    receiver_may_pass_on: bool = False,
    tried: str = "",
    needs: Iterable[str] = (),
    origin: str = Referral.Origin.INTAKE,
    person: Person | None = None,
    alias: str = "",
    contact: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """One intake: the person (new or known), their consent and the referral, in one step.

    `receiver_may_pass_on`: the person agrees that the receiver passes the referral on to the
    other organisations they named (`also_share_with`), carrying this intake along."""
    check_member(actor, from_organisation, field="from_organisation")
    if to_organisation.pk == from_organisation.pk:
        raise NetwerkError(_("Refer to another organisation."), field="to_organisation")
    if not network_organisations().filter(pk=to_organisation.pk).exists():
        raise NetwerkError(
            _("This organisation is not (or no longer) part of the network."),
            field="to_organisation",
        )
    if not question.strip():
        raise NetwerkError(_("Write down the person's question."), field="question")
    if not consent_given:
        raise NetwerkError(
            _("Ask the person for their consent first. Without it, nothing is shared."),
            field="consent_given",
        )
    if origin not in (Referral.Origin.INTAKE, Referral.Origin.OUTREACH):
        raise NetwerkError(_("A referral starts from an intake or from outreach."))
    if person is None:
        person = person_register(
            actor=actor, organisation=from_organisation, alias=alias, contact=contact
        )
    elif person.organisation_id != from_organisation.pk:
        raise NetwerkError(_("Refer a person your organisation registered."))
    consent = consent_record(
        actor=actor,
        person=person,
        organisations=[to_organisation, *also_share_with],
        items=items,
        scope=scope,
        consent_given=consent_given,
        may_pass_on=[to_organisation] if receiver_may_pass_on else [],
    )
    referral = Referral.objects.create(
        person=person,
        consent=consent,
        from_organisation=from_organisation,
        from_worker=actor,
        to_organisation=to_organisation,
        question=question.strip(),
        minimum_needed=minimum_needed.strip(),
        tried=tried.strip(),
        needs=[str(need).strip()[:80] for need in needs if str(need).strip()][:30],
        origin=origin,
    )
    ReferralEvent.objects.create(
        referral=referral, by=actor, organisation=from_organisation, to_status=referral.status
    )
    log_action(
        actor=actor,
        action="netwerk.referral_created",
        obj=referral,
        data={
            "from": from_organisation.pk,
            "to": to_organisation.pk,
            "person": person.pk,
            "origin": origin,
        },
        request=request,
    )
    return referral


def referral_read(*, referral: Referral, actor: Any, request: HttpRequest | None = None) -> None:
    """A referral was opened: recorded, like every read of a sensitive record."""
    log_action(
        actor=actor,
        action=REFERRAL_VIEWED,
        obj=referral,
        subject=referral.person.user if referral.person.user_id else None,
        data={"person": referral.person_id},
        request=request,
    )


def person_read(*, person: Person, actor: Any, request: HttpRequest | None = None) -> None:
    log_action(
        actor=actor,
        action=PERSON_VIEWED,
        obj=person,
        subject=person.user if person.user_id else None,
        request=request,
    )


ALLOWED_STEPS = {
    Referral.Status.ACCEPTED: (Referral.Status.SENT,),
    Referral.Status.DECLINED: (Referral.Status.SENT,),
    Referral.Status.IN_PROGRESS: (Referral.Status.ACCEPTED,),
    Referral.Status.CLOSED: (Referral.Status.ACCEPTED, Referral.Status.IN_PROGRESS),
}


def _referral_step(
    *,
    referral: Referral,
    actor: Any,
    to_status: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    locked = lock(Referral.objects, referral.pk)
    if locked.to_organisation_id not in organisation_ids(actor):
        raise NetwerkError(_("Only the receiving organisation handles a referral."))
    if locked.status not in ALLOWED_STEPS[to_status]:
        raise NetwerkError(
            _("This referral is %(status)s: that step is not possible now.")
            % {"status": locked.get_status_display().lower()}
        )
    if to_status == Referral.Status.ACCEPTED and not consent_is_active(locked.consent):
        raise NetwerkError(_("The person withdrew their consent: this referral cannot go on."))
    from_status = locked.status
    locked.status = to_status
    locked.handled_by = actor
    if to_status in (Referral.Status.CLOSED, Referral.Status.DECLINED):
        locked.closed_at = timezone.now()
    if to_status == Referral.Status.DECLINED:
        locked.decline_reason = note
    locked.save(update_fields=["status", "handled_by", "closed_at", "decline_reason", "updated_at"])
    ReferralEvent.objects.create(
        referral=locked,
        by=actor,
        organisation=locked.to_organisation,
        from_status=from_status,
        to_status=to_status,
        note=note,
    )
    log_action(
        actor=actor,
        action=f"netwerk.referral_{to_status}",
        obj=locked,
        data={"from_status": from_status},
        request=request,
    )
    return locked


@transaction.atomic
def referral_accept(*, referral: Referral, actor: Any, request: HttpRequest | None = None):
    return _referral_step(
        referral=referral, actor=actor, to_status=Referral.Status.ACCEPTED, request=request
    )


@transaction.atomic
def referral_start(*, referral: Referral, actor: Any, request: HttpRequest | None = None):
    return _referral_step(
        referral=referral, actor=actor, to_status=Referral.Status.IN_PROGRESS, request=request
    )


@transaction.atomic
def referral_close(
    *, referral: Referral, actor: Any, note: str = "", request: HttpRequest | None = None
):
    return _referral_step(
        referral=referral,
        actor=actor,
        to_status=Referral.Status.CLOSED,
        note=note.strip(),
        request=request,
    )


@transaction.atomic
def referral_decline(
    *, referral: Referral, actor: Any, reason: str, request: HttpRequest | None = None
):
    if not reason.strip():
        raise NetwerkError(
            _("Say why you decline, so the sender can look further."), field="reason"
        )
    return _referral_step(
        referral=referral,
        actor=actor,
        to_status=Referral.Status.DECLINED,
        note=reason.strip(),
        request=request,
    )
