"""The network itself: the charter (published, signed) and an organisation leaving."""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation
from huis.audit.services import log_action
from huis.core.locking import lock_rows

from ..models import Charter, CharterSignature, GuidanceAgreement, Referral, ReferralEvent
from ..permissions import signing_organisation_ids
from .errors import NetwerkError
from .guidance import lead_withdraws


@transaction.atomic
def charter_publish(
    *,
    actor: Any,
    title: str,
    body: str,
    summary_of_changes: str = "",
    request: HttpRequest | None = None,
) -> Charter:
    """A new version of the charter, in force at once; every partner is asked to sign it."""
    if not title.strip() or not body.strip():
        raise NetwerkError(_("A charter needs a title and a text."), field="body")
    latest = Charter.objects.aggregate(v=Max("version"))["v"] or 0
    try:
        with transaction.atomic():
            charter = Charter.objects.create(
                version=latest + 1,
                title=title.strip(),
                body=body.strip(),
                summary_of_changes=summary_of_changes.strip(),
                published_at=timezone.now(),
                created_by=actor,
            )
    except IntegrityError as error:
        raise NetwerkError(
            _("Someone published a version at the same moment. Look at the charter and try again.")
        ) from error
    log_action(
        actor=actor,
        action="netwerk.charter_published",
        obj=charter,
        data={"version": charter.version},
        request=request,
    )
    return charter


@transaction.atomic
def charter_sign(
    *,
    actor: Any,
    organisation: Organisation,
    charter: Charter,
    request: HttpRequest | None = None,
) -> CharterSignature:
    if organisation.pk not in signing_organisation_ids(actor):
        raise NetwerkError(
            _("Only a contact person or a manager signs the charter for their organisation."),
            field="organisation",
        )
    current = Charter.objects.filter(published_at__isnull=False).order_by("-version").first()
    if current is None or current.pk != charter.pk:
        raise NetwerkError(_("Only the charter version in force can be signed."))
    signature, created = CharterSignature.objects.get_or_create(
        organisation=organisation,
        charter=charter,
        defaults={"signed_by": actor, "signed_by_name": actor.display_name},
    )
    if not created:
        raise NetwerkError(_("Your organisation already signed this version."))
    log_action(
        actor=actor,
        action="netwerk.charter_signed",
        obj=signature,
        data={"organisation": organisation.pk, "version": charter.version},
        request=request,
    )
    return signature


@transaction.atomic
def organisation_leave_network(
    *,
    organisation: Organisation,
    actor: Any,
    reason: str,
    request: HttpRequest | None = None,
) -> dict[str, int]:
    """An organisation leaves the network: its workers lose access, the guidance it led waits
    for a new lead, and referrals it did not answer yet are declined so the sender looks further."""
    if not reason.strip():
        raise NetwerkError(_("Say why the organisation leaves."), field="reason")
    if organisation.kind == Organisation.Kind.HOUSE:
        raise NetwerkError(_("The house itself cannot leave its network."))
    if not organisation.is_active:
        raise NetwerkError(_("This organisation already left the network."))
    organisation.is_active = False
    organisation.save(update_fields=["is_active"])
    led = lock_rows(
        GuidanceAgreement.objects.filter(
            lead_organisation=organisation, status=GuidanceAgreement.Status.ACTIVE
        )
    )
    for agreement in led:
        lead_withdraws(agreement, reason.strip())
    through = GuidanceAgreement.partners.through
    partner_of = through.objects.filter(organisation=organisation).delete()[0]
    open_referrals = lock_rows(
        Referral.objects.filter(to_organisation=organisation, status=Referral.Status.SENT)
    )
    note = str(_("The organisation left the network."))
    for referral in open_referrals:
        referral.status = Referral.Status.DECLINED
        referral.decline_reason = note
        referral.closed_at = timezone.now()
        referral.save(update_fields=["status", "decline_reason", "closed_at", "updated_at"])
        ReferralEvent.objects.create(
            referral=referral,
            by=actor,
            from_status=Referral.Status.SENT,
            to_status=Referral.Status.DECLINED,
            note=note,
        )
    counts = {"led": len(led), "partner_of": partner_of, "referrals": len(open_referrals)}
    log_action(
        actor=actor,
        action="netwerk.organisation_left",
        obj=organisation,
        data=counts,
        request=request,
    )
    return counts
