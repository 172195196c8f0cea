"""Follow-up of a trajectory: evaluation moments and the housing checks (6, 12 and 24 months
after the family got their keys), each with a reminder in the outbox at 08:00 in Brussels."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from huis.audit.services import log_action
from huis.core.dates import add_months
from huis.core.locking import lock
from huis.core.templatetags.house_dates import house_date
from huis.notifications.services import notification_cancel, notification_schedule

from ..models import EvaluationMoment, HousingCheck, Trajectory
from ..models.trajectories import CHECK_MONTHS
from .common import locked_trajectory, reminder_at, require_open
from .errors import TrajectenError

EVALUATION_KIND = "trajecten_evaluation"
CHECK_KIND = "trajecten_housing_check"


def evaluation_key_prefix(evaluation: EvaluationMoment) -> str:
    return f"trajecten-evaluation:{evaluation.pk}"


def _schedule_evaluation_reminder(evaluation: EvaluationMoment, trajectory: Trajectory) -> None:
    """The day before, at 08:00 Brussels time, to whoever planned it (or started the trajectory)."""
    worker = evaluation.planned_by or trajectory.started_by
    if worker is None or not worker.is_active or evaluation.held_on:
        return
    due_at = max(reminder_at(evaluation.planned_on - dt.timedelta(days=1)), timezone.now())
    language = worker.preferred_language
    with translation.override(language):
        context = {
            "name": worker.display_name,
            "family": trajectory.application.family_label,
            "programme": trajectory.programme.name,
            "day": formats.date_format(evaluation.planned_on, "l j F Y"),
            "url": trajectory.get_absolute_url(),
        }
    notification_schedule(
        key=f"{evaluation_key_prefix(evaluation)}:{evaluation.planned_on.isoformat()}",
        kind=EVALUATION_KIND,
        context=context,
        recipient=worker,
        language=language,
        due_at=due_at,
    )


@transaction.atomic
def evaluation_plan(
    *,
    trajectory: Trajectory,
    actor: Any,
    planned_on: dt.date,
    request: HttpRequest | None = None,
) -> EvaluationMoment:
    locked = locked_trajectory(trajectory)
    require_open(locked)
    if planned_on < timezone.localdate():
        raise TrajectenError(_("Plan the evaluation today or later."), field="planned_on")
    evaluation = EvaluationMoment.objects.create(
        trajectory=locked, planned_on=planned_on, planned_by=actor
    )
    log_action(
        actor=actor,
        action="trajecten.evaluation_planned",
        obj=locked,
        data={"evaluation": evaluation.pk, "planned_on": planned_on.isoformat()},
        request=request,
    )
    _schedule_evaluation_reminder(evaluation, locked)
    return evaluation


@transaction.atomic
def evaluation_record(
    *,
    evaluation: EvaluationMoment,
    actor: Any,
    held_on: dt.date,
    summary: str,
    request: HttpRequest | None = None,
) -> EvaluationMoment:
    locked = locked_trajectory(evaluation.trajectory)
    evaluation = lock(EvaluationMoment.objects, evaluation.pk)
    if evaluation.held_on:
        raise TrajectenError(_("This evaluation was already recorded."))
    if held_on > timezone.localdate():
        raise TrajectenError(_("The date cannot be in the future."), field="held_on")
    if not summary.strip():
        raise TrajectenError(_("Write what came out of the evaluation."), field="summary")
    evaluation.held_on = held_on
    evaluation.summary = summary.strip()
    evaluation.save(update_fields=["held_on", "summary"])
    notification_cancel(key_prefix=evaluation_key_prefix(evaluation))
    log_action(
        actor=actor,
        action="trajecten.evaluation_recorded",
        obj=locked,
        data={"evaluation": evaluation.pk},
        request=request,
    )
    return evaluation


def check_reference(trajectory: Trajectory) -> dt.date:
    """Housing checks count from the day the family moved in (or the start, until then)."""
    return trajectory.housed_on or trajectory.started_on


def check_due_on(trajectory: Trajectory, months: int) -> dt.date:
    return add_months(check_reference(trajectory), months)


def check_key_prefix(trajectory: Trajectory) -> str:
    return f"trajecten-housing-check:{trajectory.pk}"


def schedule_checks(trajectory: Trajectory) -> None:
    worker = trajectory.started_by
    if worker is None or not worker.is_active:
        return
    done = set(trajectory.housing_checks.values_list("months", flat=True))
    language = worker.preferred_language
    for months in CHECK_MONTHS:
        if months in done:
            continue
        day = check_due_on(trajectory, months)
        with translation.override(language):
            context = {
                "name": worker.display_name,
                "family": trajectory.application.family_label,
                "months": months,
                "day": formats.date_format(day, "l j F Y"),
                "url": trajectory.get_absolute_url(),
            }
        notification_schedule(
            key=f"{check_key_prefix(trajectory)}:{months}:{day.isoformat()}",
            kind=CHECK_KIND,
            context=context,
            recipient=worker,
            language=language,
            due_at=max(reminder_at(day), timezone.now()),
        )


@transaction.atomic
def housing_check_record(
    *,
    trajectory: Trajectory,
    actor: Any,
    months: int,
    housed: bool,
    note: str = "",
    checked_on: dt.date | None = None,
    request: HttpRequest | None = None,
) -> HousingCheck:
    locked = locked_trajectory(trajectory)
    if months not in CHECK_MONTHS:
        raise TrajectenError(_("Choose 6, 12 or 24 months."), field="months")
    checked_on = checked_on or timezone.localdate()
    due = check_due_on(locked, months)
    if checked_on < due - dt.timedelta(days=31):
        raise TrajectenError(
            _("This check is due on %(day)s; record it from a month before.")
            % {"day": house_date(due)},
            field="months",
        )
    if locked.housing_checks.filter(months=months).exists():
        raise TrajectenError(_("This check was already recorded."), field="months")
    check = HousingCheck.objects.create(
        trajectory=locked,
        months=months,
        housed=housed,
        checked_on=checked_on,
        note=note.strip(),
        checked_by=actor,
    )
    notification_cancel(key_prefix=f"{check_key_prefix(locked)}:{months}")
    log_action(
        actor=actor,
        action="trajecten.housing_checked",
        obj=locked,
        data={"months": months, "housed": housed},
        request=request,
    )
    return check
