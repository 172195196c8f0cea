"""A worker's privacy requests on behalf of a referred person (issue #25).

A person referred in the network may have no account. The worker of the organisation that
referred them (or the house's people) asks, from the referral's page, for the download of what the
portal holds about the person, or for its erasure. The download is made by the core's engine
(huis.accounts.exports, the same as a person's own: in the background, only the asker opens it,
deleted after a day); erasure anonymises the person (netwerk.privacy). Both audited: who asked, on
whose behalf, when (and why, for an erasure).
"""

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from huis.accounts.exports import data_export_request, data_exports_forget
from huis.accounts.models import DataExport
from huis.audit.services import log_action
from huis.core.locking import lock

from .. import privacy
from ..models import Person, Referral
from .errors import NetwerkError

REASON_MAX = 500


def person_export_on_behalf(
    *, referral: Referral, actor: Any, request: HttpRequest | None = None
) -> DataExport:
    """Ask for the download of what the portal holds about the referral's person. The caller
    (the page) checked that the actor may: a worker of the referring organisation or the house."""
    person = referral.person
    if person.anonymised_at is not None:
        raise NetwerkError(_("This person's details were erased. There is nothing to download."))
    with transaction.atomic():
        export = data_export_request(
            user=actor, subject_ref=privacy.subject_ref(person), request=request
        )
        log_action(
            actor=actor,
            action="netwerk.person_export_requested",
            obj=referral,
            data={"person": person.pk, "export": str(export.pk)},
            request=request,
        )
    return export


@transaction.atomic
def person_erase_on_behalf(
    *, referral: Referral, actor: Any, reason: str, request: HttpRequest | None = None
) -> Person:
    """Erase what tells who the referral's person is and their story, at their request; the
    referrals and guidance stay counted without it. Downloads made for them go too."""
    reason = " ".join(reason.split())[:REASON_MAX]
    if not reason:
        raise NetwerkError(_("Write down why, for the record."), field="reason")
    person = lock(Person.objects.all(), referral.person_id)
    if person.anonymised_at is not None:
        raise NetwerkError(_("This person's details were already erased."))
    privacy.erase_referred_person(person)
    files = data_exports_forget(subject_ref=privacy.subject_ref(person))
    log_action(
        actor=actor,
        action="netwerk.person_erased_on_behalf",
        obj=referral,
        data={"person": person.pk, "reason": reason, "downloads_deleted": files},
        request=request,
    )
    person.refresh_from_db()
    return person
