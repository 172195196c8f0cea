"""Trajectories: started for an admitted family with a guidance agreement in netwerk, their
goals and contacts, the day the family is housed, and the end."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation
from huis.audit.services import log_action
from huis.core.dates import add_months
from huis.core.locking import lock
from huis.notifications.services import notification_cancel
from netwerk import services as netwerk_services

from ..models import Application, ContactLog, Goal, Trajectory
from .common import locked_application, locked_trajectory, require_consent, require_open
from .errors import TrajectenError
from .follow_up import (
    check_key_prefix,
    evaluation_key_prefix,
    evaluation_plan,
    schedule_checks,
)

Status = Application.Status
AGREEMENT_MONTHS = 12
FIRST_EVALUATION_MONTHS = 3


@transaction.atomic
def trajectory_start(
    *,
    application: Application,
    actor: Any,
    lead_organisation: Organisation,
    partners: Iterable[Organisation] = (),
    started_on: dt.date | None = None,
    housed_on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> Trajectory:
    """Start the trajectory of an admitted family, with its guidance agreement in netwerk.

    The agreement is made by netwerk's own service: the one who starts works for the lead partner,
    and it runs at least the charter's six months (here a year, extended as long as needed).
    """
    locked = locked_application(application)
    if locked.status != Status.ADMITTED:
        raise TrajectenError(_("Only an admitted family starts a trajectory."))
    if Trajectory.objects.filter(application=locked).exists():
        raise TrajectenError(_("This family's trajectory has already started."))
    require_consent(locked)
    started_on = started_on or timezone.localdate()
    if started_on > timezone.localdate() + dt.timedelta(days=90):
        raise TrajectenError(_("Start within the next three months."), field="started_on")
    if housed_on and housed_on < started_on:
        raise TrajectenError(_("The family is housed on or after the start."), field="housed_on")
    partners = [p for p in partners if p.pk != lead_organisation.pk]
    try:
        agreement = netwerk_services.guidance_create(
            actor=actor,
            person=locked.consent.person,
            lead_organisation=lead_organisation,
            starts_on=started_on,
            ends_on=add_months(started_on, AGREEMENT_MONTHS),
            partners=partners,
            goals=str(_("Trajectory in the programme %(programme)s"))
            % {"programme": locked.programme.name},
            request=request,
        )
    except netwerk_services.NetwerkError as error:
        raise TrajectenError(error.message, field="lead_organisation") from error
    trajectory = Trajectory.objects.create(
        application=locked,
        programme=locked.programme,
        agreement=agreement,
        started_on=started_on,
        housed_on=housed_on,
        started_by=actor,
    )
    log_action(
        actor=actor,
        action="trajecten.trajectory_started",
        obj=trajectory,
        data={
            "application": locked.pk,
            "agreement": agreement.pk,
            "lead": lead_organisation.pk,
            "partners": [p.pk for p in partners],
        },
        request=request,
    )
    first = add_months(started_on, FIRST_EVALUATION_MONTHS)
    evaluation_plan(trajectory=trajectory, actor=actor, planned_on=first, request=request)
    schedule_checks(trajectory)
    return trajectory


@transaction.atomic
def goal_add(
    *,
    trajectory: Trajectory,
    actor: Any,
    domain: str,
    text: str,
    written_with: str,
    request: HttpRequest | None = None,
) -> Goal:
    locked = locked_trajectory(trajectory)
    require_open(locked)
    if not text.strip():
        raise TrajectenError(_("Write the goal in the family's words."), field="text")
    if not written_with.strip():
        raise TrajectenError(
            _("Say who of the family wrote this goal with you."), field="written_with"
        )
    goal = Goal.objects.create(
        trajectory=locked,
        domain=domain,
        text=text.strip(),
        written_with=written_with.strip(),
        created_by=actor,
    )
    log_action(
        actor=actor,
        action="trajecten.goal_added",
        obj=locked,
        data={"goal": goal.pk, "domain": domain},
        request=request,
    )
    return goal


@transaction.atomic
def goal_set_status(
    *, goal: Goal, actor: Any, status: str, request: HttpRequest | None = None
) -> Goal:
    locked = locked_trajectory(goal.trajectory)
    require_open(locked)
    if status not in Goal.Status.values:
        raise TrajectenError(_("Choose a status."))
    goal = lock(Goal.objects, goal.pk)
    if goal.status == status:
        return goal
    previous = goal.status
    goal.status = status
    goal.status_changed_on = timezone.localdate()
    goal.save(update_fields=["status", "status_changed_on"])
    log_action(
        actor=actor,
        action="trajecten.goal_status_changed",
        obj=locked,
        data={"goal": goal.pk, "from": previous, "to": status},
        request=request,
    )
    return goal


@transaction.atomic
def contact_add(
    *,
    trajectory: Trajectory,
    actor: Any,
    date: dt.date,
    kind: str,
    note: str,
    request: HttpRequest | None = None,
) -> ContactLog:
    locked = locked_trajectory(trajectory)
    require_open(locked)
    if date > timezone.localdate():
        raise TrajectenError(_("The date cannot be in the future."), field="date")
    if date < locked.started_on:
        raise TrajectenError(_("The date cannot be before the start."), field="date")
    if not note.strip():
        raise TrajectenError(_("Write what was done or agreed."), field="note")
    contact = ContactLog.objects.create(
        trajectory=locked, date=date, kind=kind, note=note.strip(), author=actor
    )
    log_action(
        actor=actor,
        action="trajecten.contact_added",
        obj=locked,
        data={"contact": contact.pk},
        request=request,
    )
    return contact


@transaction.atomic
def trajectory_set_housed(
    *, trajectory: Trajectory, actor: Any, housed_on: dt.date, request: HttpRequest | None = None
) -> Trajectory:
    """The family got their keys: the housing checks count from this day."""
    locked = locked_trajectory(trajectory)
    require_open(locked)
    if housed_on < locked.started_on or housed_on > timezone.localdate():
        raise TrajectenError(_("Choose a day between the start and today."), field="housed_on")
    if locked.housing_checks.exists():
        raise TrajectenError(_("Housing checks are recorded already; the day stays."))
    locked.housed_on = housed_on
    locked.save(update_fields=["housed_on"])
    notification_cancel(key_prefix=check_key_prefix(locked))
    schedule_checks(locked)
    log_action(
        actor=actor,
        action="trajecten.housed",
        obj=locked,
        data={"housed_on": housed_on.isoformat()},
        request=request,
    )
    return locked


@transaction.atomic
def trajectory_end(
    *,
    trajectory: Trajectory,
    actor: Any,
    ended_on: dt.date,
    reason: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> Trajectory:
    locked = locked_trajectory(trajectory)
    require_open(locked)
    if not reason:
        raise TrajectenError(_("Choose the reason for the end."), field="reason")
    if ended_on < locked.started_on or ended_on > timezone.localdate():
        raise TrajectenError(_("Choose a day between the start and today."), field="ended_on")
    locked.ended_on = ended_on
    locked.end_reason = reason
    locked.end_note = note.strip()
    locked.save(update_fields=["ended_on", "end_reason", "end_note"])
    # Ending the trajectory ends its guidance agreement, through netwerk's own service.
    netwerk_services.guidance_end(agreement=locked.agreement, actor=actor, request=request)
    notification_cancel(key_prefix=check_key_prefix(locked))
    for evaluation in locked.evaluations.filter(held_on__isnull=True):
        notification_cancel(key_prefix=evaluation_key_prefix(evaluation))
    log_action(
        actor=actor,
        action="trajecten.trajectory_ended",
        obj=locked,
        data={"reason": reason},
        request=request,
    )
    return locked
