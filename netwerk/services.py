"""Writes of the partner network: charter, intake and referral, consent, guidance, places.

Every function is keyword-only, runs in one transaction, writes an audit entry (ids and field
names, never what the person told) and raises `NetwerkError` with a message a person can read.
"""

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.http import HttpRequest
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from huis.accounts.access import organisation_ids
from huis.accounts.models import Membership, Organisation, User
from huis.accounts.roles import Role
from huis.audit.services import log_action
from huis.notifications.services import notification_schedule

from .models import (
    Charter,
    CharterSignature,
    Consent,
    ConsentWithdrawal,
    GuidanceAgreement,
    GuidanceEvaluation,
    GuidanceHandover,
    Person,
    Referral,
    ReferralEvent,
    WelcomingPlace,
)
from .models.guidance import MINIMUM_TERM_MONTHS
from .models.people import CONSENT_TEXT_VERSION, ShareItem
from .permissions import signing_organisation_ids

REFERRAL_VIEWED = "netwerk.referral_viewed"
PERSON_VIEWED = "netwerk.person_viewed"
GUIDANCE_VIEWED = "netwerk.guidance_viewed"
EVALUATION_REMINDER_KIND = "netwerk_evaluation_reminder"
# How many days before an evaluation moment the lead partner is reminded.
EVALUATION_REMIND_DAYS = 7


class NetwerkError(Exception):
    def __init__(self, message: Any, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def organisations_of(actor: Any) -> list[Organisation]:
    """The organisations a worker acts for, in name order."""
    return list(Organisation.objects.filter(pk__in=organisation_ids(actor)).order_by("name"))


def network_organisations() -> Any:
    """The organisations of the network that are still in it: the house and its partners."""
    return Organisation.objects.filter(
        is_active=True, kind__in=[Organisation.Kind.HOUSE, Organisation.Kind.PARTNER]
    ).order_by("name")


def _check_member(actor: Any, organisation: Organisation, *, field: str = "organisation") -> None:
    if organisation.pk not in organisation_ids(actor):
        raise NetwerkError(_("You can only act for an organisation you work for."), field=field)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (as PostgreSQL counts it)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# --- Charter ----------------------------------------------------------------------------------


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


# --- Persons, consent and referrals ------------------------------------------------------------


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
    _check_member(actor, organisation)
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
    request: HttpRequest | None = None,
) -> Consent:
    """A new consent: what may be shared, with which organisations, in the text's version."""
    _check_member(actor, person.organisation)
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
    log_action(
        actor=actor,
        action="netwerk.consent_recorded",
        obj=consent,
        data={"person": person.pk, "organisations": sorted(o.pk for o in organisations)},
        request=request,
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *, consent: Consent, actor: Any, request: HttpRequest | None = None
) -> ConsentWithdrawal:
    """The person takes their consent back: from this moment nothing more is shared.

    The selectors check the withdrawal on every read, so receivers lose sight of the person's
    details at once; open referrals under this consent get a line in their history.
    """
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
    person: Person | None = None,
    alias: str = "",
    contact: str = "",
    request: HttpRequest | None = None,
) -> Referral:
    """One intake: the person (new or known), their consent and the referral, in one step."""
    _check_member(actor, from_organisation, field="from_organisation")
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
    )
    referral = Referral.objects.create(
        person=person,
        consent=consent,
        from_organisation=from_organisation,
        from_worker=actor,
        to_organisation=to_organisation,
        question=question.strip(),
        minimum_needed=minimum_needed.strip(),
    )
    ReferralEvent.objects.create(
        referral=referral, by=actor, organisation=from_organisation, to_status=referral.status
    )
    log_action(
        actor=actor,
        action="netwerk.referral_created",
        obj=referral,
        data={"from": from_organisation.pk, "to": to_organisation.pk, "person": person.pk},
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
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.to_organisation_id not in organisation_ids(actor):
        raise NetwerkError(_("Only the receiving organisation handles a referral."))
    if locked.status not in ALLOWED_STEPS[to_status]:
        raise NetwerkError(
            _("This referral is %(status)s: that step is not possible now.")
            % {"status": locked.get_status_display().lower()}
        )
    from .selectors import consent_is_active

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


# --- Guidance -------------------------------------------------------------------------------


@transaction.atomic
def guidance_create(
    *,
    actor: Any,
    person: Person,
    lead_organisation: Organisation,
    starts_on: dt.date,
    ends_on: dt.date,
    partners: Iterable[Organisation] = (),
    goals: str = "",
    referral: Referral | None = None,
    request: HttpRequest | None = None,
) -> GuidanceAgreement:
    _check_member(actor, lead_organisation, field="lead_organisation")
    if ends_on < add_months(starts_on, MINIMUM_TERM_MONTHS):
        raise NetwerkError(
            _("A guidance agreement runs at least six months (the network's charter)."),
            field="ends_on",
        )
    partners = [p for p in partners if p.pk != lead_organisation.pk]
    agreement = GuidanceAgreement.objects.create(
        person=person,
        referral=referral,
        lead_organisation=lead_organisation,
        starts_on=starts_on,
        ends_on=ends_on,
        goals=goals.strip(),
        created_by=actor,
    )
    agreement.partners.set(partners)
    log_action(
        actor=actor,
        action="netwerk.guidance_created",
        obj=agreement,
        data={"person": person.pk, "lead": lead_organisation.pk},
        request=request,
    )
    return agreement


def _lead_withdraws(agreement: GuidanceAgreement, reason: str) -> None:
    agreement.previous_lead_organisation_id = agreement.lead_organisation_id
    agreement.lead_organisation = None
    agreement.lead_withdrawn_at = timezone.now()
    agreement.lead_withdrawal_reason = reason
    agreement.save(
        update_fields=[
            "previous_lead_organisation",
            "lead_organisation",
            "lead_withdrawn_at",
            "lead_withdrawal_reason",
            "updated_at",
        ]
    )


@transaction.atomic
def guidance_leave(
    *,
    agreement: GuidanceAgreement,
    organisation: Organisation,
    actor: Any,
    reason: str,
    request: HttpRequest | None = None,
) -> GuidanceAgreement:
    """A partner withdraws from a person's guidance. When it was the lead, the agreement waits
    in the coordinators' list until another partner takes over."""
    _check_member(actor, organisation)
    if not reason.strip():
        raise NetwerkError(_("Say why your organisation withdraws."), field="reason")
    agreement = GuidanceAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != GuidanceAgreement.Status.ACTIVE:
        raise NetwerkError(_("This guidance has ended."))
    if agreement.lead_organisation_id == organisation.pk:
        _lead_withdraws(agreement, reason.strip())
        was = "lead"
    elif agreement.partners.filter(pk=organisation.pk).exists():
        agreement.partners.remove(organisation)
        was = "partner"
    else:
        raise NetwerkError(_("Your organisation is not part of this guidance."))
    log_action(
        actor=actor,
        action="netwerk.guidance_left",
        obj=agreement,
        data={"organisation": organisation.pk, "was": was},
        request=request,
    )
    return agreement


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
    led = list(
        GuidanceAgreement.objects.select_for_update().filter(
            lead_organisation=organisation, status=GuidanceAgreement.Status.ACTIVE
        )
    )
    for agreement in led:
        _lead_withdraws(agreement, reason.strip())
    through = GuidanceAgreement.partners.through
    partner_of = through.objects.filter(organisation=organisation).delete()[0]
    open_referrals = list(
        Referral.objects.select_for_update().filter(
            to_organisation=organisation, status=Referral.Status.SENT
        )
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


@transaction.atomic
def guidance_hand_over(
    *,
    agreement: GuidanceAgreement,
    to_organisation: Organisation,
    actor: Any,
    reason: str,
    request: HttpRequest | None = None,
) -> GuidanceHandover:
    """Another partner takes the lead; the handover is recorded (from whom, to whom, why)."""
    agreement = GuidanceAgreement.objects.select_for_update().get(pk=agreement.pk)
    if agreement.status != GuidanceAgreement.Status.ACTIVE:
        raise NetwerkError(_("This guidance has ended."))
    if not reason.strip():
        raise NetwerkError(_("Say why the guidance is handed over."), field="reason")
    if not network_organisations().filter(pk=to_organisation.pk).exists():
        raise NetwerkError(
            _("This organisation is not (or no longer) part of the network."),
            field="to_organisation",
        )
    from_id = agreement.lead_organisation_id or agreement.previous_lead_organisation_id
    if to_organisation.pk == from_id:
        raise NetwerkError(
            _("Hand the guidance over to another organisation."), field="to_organisation"
        )
    handover = GuidanceHandover.objects.create(
        agreement=agreement,
        from_organisation_id=from_id,
        to_organisation=to_organisation,
        by=actor,
        reason=reason.strip(),
    )
    agreement.lead_organisation = to_organisation
    agreement.lead_withdrawn_at = None
    agreement.save(update_fields=["lead_organisation", "lead_withdrawn_at", "updated_at"])
    agreement.partners.remove(to_organisation)
    log_action(
        actor=actor,
        action="netwerk.guidance_handed_over",
        obj=agreement,
        data={"from": from_id, "to": to_organisation.pk},
        request=request,
    )
    return handover


@transaction.atomic
def evaluation_plan(
    *,
    agreement: GuidanceAgreement,
    planned_on: dt.date,
    actor: Any,
    request: HttpRequest | None = None,
) -> GuidanceEvaluation:
    if planned_on < timezone.localdate():
        raise NetwerkError(_("Plan the evaluation on a day to come."), field="planned_on")
    if planned_on > agreement.ends_on:
        raise NetwerkError(_("Plan the evaluation before the agreement ends."), field="planned_on")
    evaluation = GuidanceEvaluation.objects.create(
        agreement=agreement, planned_on=planned_on, planned_by=actor
    )
    log_action(
        actor=actor,
        action="netwerk.evaluation_planned",
        obj=evaluation,
        data={"agreement": agreement.pk},
        request=request,
    )
    return evaluation


@transaction.atomic
def evaluation_done(
    *,
    evaluation: GuidanceEvaluation,
    actor: Any,
    summary: str = "",
    request: HttpRequest | None = None,
) -> GuidanceEvaluation:
    evaluation = GuidanceEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.done_at is not None:
        raise NetwerkError(_("This evaluation was already recorded."))
    evaluation.done_at = timezone.now()
    evaluation.done_by = actor
    evaluation.summary = summary.strip()
    evaluation.save(update_fields=["done_at", "done_by", "summary"])
    log_action(
        actor=actor,
        action="netwerk.evaluation_done",
        obj=evaluation,
        data={"agreement": evaluation.agreement_id},
        request=request,
    )
    return evaluation


def _reminder_recipients(agreement: GuidanceAgreement) -> list[User]:
    """The lead partner's contact persons and managers (or its workers); without a lead, the
    coordinators, who must find one."""
    active = User.objects.filter(is_active=True)
    if agreement.lead_organisation_id is None:
        return list(active.filter(groups__name__in=[Role.COORDINATOR]).distinct().order_by("pk"))
    members = Membership.objects.filter(
        organisation_id=agreement.lead_organisation_id, ended_on__isnull=True
    )
    contacts = members.filter(
        Q(function__in=[Membership.Function.CONTACT, Membership.Function.MANAGER])
        | Q(is_contact_person=True)
    )
    chosen = contacts if contacts.exists() else members
    return list(active.filter(memberships__in=chosen).distinct().order_by("pk"))


def evaluations_remind_due(*, today: dt.date | None = None, limit: int = 500) -> int:
    """The beat's sweep: evaluation moments within a week get a reminder in the outbox, once.

    Rows are claimed with SELECT ... FOR UPDATE SKIP LOCKED and marked in the same transaction, so
    two sweeps at once never remind twice (and the outbox key is unique besides).
    """
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=EVALUATION_REMIND_DAYS)
    queued = 0
    with transaction.atomic():
        due = list(
            GuidanceEvaluation.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                done_at__isnull=True,
                reminder_queued_at__isnull=True,
                planned_on__lte=horizon,
                planned_on__gte=today,
                agreement__status=GuidanceAgreement.Status.ACTIVE,
            )
            .select_related("agreement", "agreement__person", "agreement__lead_organisation")
            .order_by("planned_on", "pk")[:limit]
        )
        now = timezone.now()
        for evaluation in due:
            agreement = evaluation.agreement
            for recipient in _reminder_recipients(agreement):
                with translation.override(recipient.preferred_language):
                    context = {
                        "name": recipient.display_name,
                        "day": formats.date_format(evaluation.planned_on, "l j F Y"),
                        "has_lead": agreement.lead_organisation_id is not None,
                        "url": agreement.get_absolute_url(),
                    }
                notification_schedule(
                    key=f"netwerk:evaluation:{evaluation.pk}:{recipient.pk}",
                    kind=EVALUATION_REMINDER_KIND,
                    context=context,
                    recipient=recipient,
                    language=recipient.preferred_language,
                )
                queued += 1
            evaluation.reminder_queued_at = now
            evaluation.save(update_fields=["reminder_queued_at"])
    return queued


# --- Welcoming places ---------------------------------------------------------------------------

PLACE_FIELDS = (
    "name",
    "kind",
    "offer",
    "address",
    "municipality",
    "latitude",
    "longitude",
    "when",
    "accessibility",
    "wheelchair_accessible",
    "contact_name",
    "contact_email",
    "contact_phone",
    "website",
    "partner",
)


def _unique_slug(name: str, *, exclude: int | None = None) -> str:
    base = slugify(name)[:150] or "plek"
    slug, n = base, 2
    while WelcomingPlace.objects.filter(slug=slug).exclude(pk=exclude).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _clean_place(place: WelcomingPlace, actor: Any) -> None:
    if (place.latitude is None) != (place.longitude is None):
        raise NetwerkError(_("Give both coordinates, or neither."), field="latitude")
    own = organisation_ids(actor)
    if place.partner_id and not actor.is_coordinator and place.partner_id not in own:
        raise NetwerkError(
            _("You can only name your own organisation as the partner."), field="partner"
        )


@transaction.atomic
def place_create(*, actor: Any, request: HttpRequest | None = None, **fields: Any):
    unknown = set(fields) - set(PLACE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown place fields: {sorted(unknown)}")
    place = WelcomingPlace(**fields)
    _clean_place(place, actor)
    place.slug = _unique_slug(place.name)
    place.save()
    log_action(actor=actor, action="netwerk.place_created", obj=place, request=request)
    return place


@transaction.atomic
def place_update(
    *, place: WelcomingPlace, actor: Any, request: HttpRequest | None = None, **fields: Any
):
    unknown = set(fields) - set(PLACE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown place fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(place, name, value)
    _clean_place(place, actor)
    place.save()
    log_action(
        actor=actor,
        action="netwerk.place_changed",
        obj=place,
        data={"fields": sorted(fields)},
        request=request,
    )
    return place


@transaction.atomic
def place_set_published(
    *, place: WelcomingPlace, published: bool, actor: Any, request: HttpRequest | None = None
):
    place.is_published = published
    place.save(update_fields=["is_published", "updated_at"])
    log_action(
        actor=actor,
        action="netwerk.place_published" if published else "netwerk.place_unpublished",
        obj=place,
        request=request,
    )
    return place


def map_tile_host() -> str:
    """The host of the configured map tiles (for the CSP), or "" when no tiles are configured."""
    from urllib.parse import urlsplit

    url = getattr(settings, "MAP_TILE_URL", "")
    return urlsplit(url).netloc.split("@")[-1] if url else ""


def guidance_read(
    *, agreement: GuidanceAgreement, actor: Any, request: HttpRequest | None = None
) -> None:
    log_action(
        actor=actor,
        action=GUIDANCE_VIEWED,
        obj=agreement,
        subject=agreement.person.user if agreement.person.user_id else None,
        data={"person": agreement.person_id},
        request=request,
    )
