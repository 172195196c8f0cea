"""Guidance agreements: made, left, handed over, ended; their evaluations and reminders."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Membership, Organisation, User
from huis.accounts.roles import Role
from huis.audit.services import log_action
from huis.core.dates import add_months
from huis.core.locking import lock, lock_rows
from huis.notifications.services import notification_schedule

from ..models import GuidanceAgreement, GuidanceEvaluation, GuidanceHandover, Person, Referral
from ..models.guidance import MINIMUM_TERM_MONTHS
from ..selectors import network_organisations
from .errors import NetwerkError, check_member

GUIDANCE_VIEWED = "netwerk.guidance_viewed"
EVALUATION_REMINDER_KIND = "netwerk_evaluation_reminder"
# How many days before an evaluation moment the lead partner is reminded.
EVALUATION_REMIND_DAYS = 7


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
    check_member(actor, lead_organisation, field="lead_organisation")
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


def lead_withdraws(agreement: GuidanceAgreement, reason: str) -> None:
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
    check_member(actor, organisation)
    if not reason.strip():
        raise NetwerkError(_("Say why your organisation withdraws."), field="reason")
    agreement = lock(GuidanceAgreement.objects, agreement.pk)
    if agreement.status != GuidanceAgreement.Status.ACTIVE:
        raise NetwerkError(_("This guidance has ended."))
    if agreement.lead_organisation_id == organisation.pk:
        lead_withdraws(agreement, reason.strip())
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
def guidance_hand_over(
    *,
    agreement: GuidanceAgreement,
    to_organisation: Organisation,
    actor: Any,
    reason: str,
    request: HttpRequest | None = None,
) -> GuidanceHandover:
    """Another partner takes the lead; the handover is recorded (from whom, to whom, why)."""
    agreement = lock(GuidanceAgreement.objects, agreement.pk)
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
def guidance_end(
    *,
    agreement: GuidanceAgreement,
    actor: Any,
    request: HttpRequest | None = None,
) -> GuidanceAgreement:
    """The agreement has done its work (for example: the trajectory it belongs to ended).

    Ending an agreement that already ended changes nothing, so a caller may end it twice."""
    agreement = lock(GuidanceAgreement.objects, agreement.pk)
    if agreement.status != GuidanceAgreement.Status.ACTIVE:
        return agreement
    agreement.status = GuidanceAgreement.Status.ENDED
    agreement.save(update_fields=["status", "updated_at"])
    log_action(
        actor=actor,
        action="netwerk.guidance_ended",
        obj=agreement,
        data={"person": agreement.person_id},
        request=request,
    )
    return agreement


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
    evaluation = lock(GuidanceEvaluation.objects, evaluation.pk)
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

    Rows are claimed with SELECT ... FOR UPDATE SKIP LOCKED (through the core's lock helper) and
    marked in the same transaction, so
    two sweeps at once never remind twice (and the outbox key is unique besides).
    """
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=EVALUATION_REMIND_DAYS)
    queued = 0
    with transaction.atomic():
        candidates = GuidanceEvaluation.objects.filter(
            done_at__isnull=True,
            reminder_queued_at__isnull=True,
            planned_on__lte=horizon,
            planned_on__gte=today,
            agreement__status=GuidanceAgreement.Status.ACTIVE,
        )
        first = candidates.order_by("planned_on", "pk").values_list("pk", flat=True)[:limit]
        due = lock_rows(
            candidates.select_related(
                "agreement", "agreement__person", "agreement__lead_organisation"
            ),
            first,
            skip_locked=True,
            of=("self",),
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
