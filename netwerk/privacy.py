"""The network's part of "download my data", "delete my account" and the retention sweep.

What the network holds about an account holder:
- as a worker: the referrals they sent or handled, the consents they recorded, the charter
  signatures they made. Erasing their account keeps these rows (the network's history and the
  persons' consents depend on them) and removes the link to the worker.
- as a person helped by the network, when their Person record is linked to their account: their
  alias, contact, consents and referrals. Erasing their account erases those records.

Retention (days are data): the details of a person whose referrals are all closed or declined
for longer than the period are anonymised; the referrals stay counted, without the story.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from huis.audit.services import log_action

from .models import (
    CharterSignature,
    Consent,
    ConsentWithdrawal,
    GuidanceAgreement,
    GuidanceEvaluation,
    Person,
    Referral,
    ReferralEvent,
)

PERSON_DETAILS_RETENTION_DAYS = 5 * 365


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def export_person(user: Any) -> dict:
    persons = Person.objects.filter(user=user).prefetch_related(
        "consents__organisations", "consents__withdrawal", "referrals__to_organisation"
    )
    sent = Referral.objects.filter(from_worker=user).select_related(
        "from_organisation", "to_organisation"
    )
    return {
        # Referrals the worker sent: which, when, to whom; the person's story is not theirs.
        "referrals_sent": [
            {
                "id": r.pk,
                "from": r.from_organisation.name,
                "to": r.to_organisation.name,
                "status": r.status,
                "sent_at": _iso(r.created_at),
            }
            for r in sent.order_by("created_at", "pk")
        ],
        "charter_signatures": [
            {
                "organisation": s.organisation.name,
                "version": s.charter.version,
                "signed_at": _iso(s.signed_at),
            }
            for s in CharterSignature.objects.filter(signed_by=user).select_related(
                "organisation", "charter"
            )
        ],
        "as_person_in_the_network": [
            {
                "alias": p.alias,
                "contact": p.contact,
                "registered_at": _iso(p.created_at),
                "consents": [_consent(c) for c in p.consents.all()],
                "referrals": [
                    {
                        "to": r.to_organisation.name,
                        "question": r.question,
                        "status": r.status,
                        "sent_at": _iso(r.created_at),
                    }
                    for r in p.referrals.all()
                ],
            }
            for p in persons
        ],
    }


def _withdrawal(consent: Consent):
    try:
        return consent.withdrawal
    except Consent.withdrawal.RelatedObjectDoesNotExist:
        return None


def _consent(c) -> dict:
    """One consent as the person's data download shows it (their own or asked on their behalf)."""
    return {
        "recorded_at": _iso(c.recorded_at),
        "items": c.items,
        "scope": c.scope,
        "organisations": [o.name for o in c.organisations.all()],
        "text_version": c.text_version,
        "withdrawn_at": _iso(getattr(_withdrawal(c), "withdrawn_at", None)),
    }


def erase_person(user: Any) -> None:
    """A worker's rows stay without their name; a person's own records go."""
    Referral.objects.filter(from_worker=user).update(from_worker=None)
    Referral.objects.filter(handled_by=user).update(handled_by=None)
    CharterSignature.objects.filter(signed_by=user).update(signed_by=None, signed_by_name="")
    # Consents are immutable, except that the recorder's link may go (the trigger allows only that).
    Consent.objects.filter(recorded_by=user).update(recorded_by=None)
    ConsentWithdrawal.objects.filter(recorded_by=user).update(recorded_by=None)
    for person in Person.objects.filter(user=user):
        _anonymise(person)


def _anonymise(person: Person) -> None:
    Person.objects.filter(pk=person.pk).update(
        alias="–", contact="", user=None, anonymised_at=timezone.now()
    )
    Referral.objects.filter(person=person).update(
        question="–", minimum_needed="", tried="", needs=[]
    )
    GuidanceAgreement.objects.filter(person=person).update(goals="")


@transaction.atomic
def purge_person_details(*, cutoff: dt.datetime) -> int:
    """Anonymise persons whose referrals all ended before `cutoff` and who have no open guidance."""
    open_referral = Referral.objects.filter(person=OuterRef("pk")).filter(
        Q(closed_at__isnull=True) | Q(closed_at__gte=cutoff)
    )
    open_guidance = GuidanceAgreement.objects.filter(
        person=OuterRef("pk"), status=GuidanceAgreement.Status.ACTIVE
    )
    stale = (
        Person.objects.filter(anonymised_at__isnull=True, created_at__lt=cutoff)
        .filter(Exists(Referral.objects.filter(person=OuterRef("pk"))))
        .exclude(Exists(open_referral))
        .exclude(Exists(open_guidance))
    )
    ids = list(stale.values_list("pk", flat=True))
    if not ids:
        return 0
    Person.objects.filter(pk__in=ids).update(alias="–", contact="", anonymised_at=timezone.now())
    Referral.objects.filter(person_id__in=ids).update(
        question="–", minimum_needed="", tried="", needs=[]
    )
    GuidanceAgreement.objects.filter(person_id__in=ids).update(goals="")
    log_action(
        actor=None,
        action="netwerk.person_details_purged",
        data={"persons": len(ids), "cutoff": cutoff.isoformat()},
    )
    return len(ids)


# --- A referred person without an account: the worker's privacy requests on their behalf ------


SUBJECT = "netwerk.person"


def subject_ref(person: Person) -> str:
    return f"{SUBJECT}:{person.pk}"


def export_referred_person(pk: int) -> dict:
    """Everything the network holds about a referred person (no account needed): who they are
    to the network, their consents, every referral with its story and steps, their guidance."""
    person = (
        Person.objects.select_related("organisation")
        .prefetch_related("consents__organisations", "consents__withdrawal")
        .get(pk=pk)
    )
    referrals = (
        Referral.objects.filter(person=person)
        .select_related("from_organisation", "to_organisation")
        .prefetch_related("events")
        .order_by("created_at", "pk")
    )
    agreements = (
        GuidanceAgreement.objects.filter(person=person)
        .select_related("lead_organisation")
        .prefetch_related("evaluations")
        .order_by("starts_on", "pk")
    )
    return {
        "person": [
            {
                "alias": person.alias,
                "contact": person.contact,
                "registered_by": person.organisation.name,
                "registered_at": _iso(person.created_at),
                "anonymised_at": _iso(person.anonymised_at),
            }
        ],
        "consents": [_consent(c) for c in person.consents.all()],
        "referrals": [
            {
                "from": r.from_organisation.name,
                "to": r.to_organisation.name,
                "question": r.question,
                "minimum_needed": r.minimum_needed,
                "tried": r.tried,
                "needs": r.needs,
                "status": r.status,
                "decline_reason": r.decline_reason,
                "sent_at": _iso(r.created_at),
                "closed_at": _iso(r.closed_at),
                "steps": [
                    {"at": _iso(e.at), "to": e.to_status, "note": e.note} for e in r.events.all()
                ],
            }
            for r in referrals
        ],
        "guidance": [
            {
                "lead": a.lead_organisation.name if a.lead_organisation else "",
                "starts_on": a.starts_on.isoformat(),
                "ends_on": a.ends_on.isoformat(),
                "status": a.status,
                "goals": a.goals,
                "evaluations": [
                    {"planned_on": e.planned_on.isoformat(), "summary": e.summary}
                    for e in a.evaluations.all()
                ],
            }
            for a in agreements
        ],
    }


def referred_person_label(pk: int) -> str:
    return Person.objects.filter(pk=pk).values_list("alias", flat=True).first() or "–"


def referred_person_url(pk: int) -> str:
    """The privacy page of the person's newest referral (where the worker asked)."""
    from django.urls import reverse

    referral = Referral.objects.filter(person_id=pk).order_by("-created_at", "-pk").first()
    if referral is None:
        return reverse("netwerk:home")
    return reverse("netwerk:referral_privacy", kwargs={"pk": referral.pk})


def erase_referred_person(person: Person) -> None:
    """Everything that tells who the person is and their story goes; the referrals and
    guidance stay counted, without it (the rows the network's figures depend on)."""
    _anonymise(person)
    referrals = Referral.objects.filter(person=person)
    referrals.update(decline_reason="")
    ReferralEvent.objects.filter(referral__in=referrals).update(note="")
    GuidanceEvaluation.objects.filter(agreement__person=person).update(summary="")
