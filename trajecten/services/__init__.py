"""Writes of trajecten: applications, the committee's meetings and decisions, trajectories.

Every function is keyword-only, runs in one transaction, writes an audit entry and raises
`TrajectenError` with a message a person can read when something is not allowed. State changes
lock the application (or trajectory) row first through `huis.core.locking`, so two people
clicking at once cannot skip a step or decide twice; the database constraints are the second
guard. The family's consent and the guidance agreement belong to netwerk: trajecten asks
`netwerk.selectors` and calls `netwerk.services`.
"""

from .applications import (
    APPLICATION_VIEWED,
    ApplicationDetails,
    application_create,
    application_submit,
    application_update,
    application_viewed,
    application_withdraw,
    housing_step_add,
    housing_step_remove,
)
from .committee import DECISION_KIND, decision_record, meeting_create, meeting_schedule
from .common import reminder_at
from .errors import TrajectenError
from .follow_up import (
    CHECK_KIND,
    EVALUATION_KIND,
    check_due_on,
    check_key_prefix,
    check_reference,
    evaluation_key_prefix,
    evaluation_plan,
    evaluation_record,
    housing_check_record,
    schedule_checks,
)
from .trajectories import (
    AGREEMENT_MONTHS,
    FIRST_EVALUATION_MONTHS,
    contact_add,
    goal_add,
    goal_set_status,
    trajectory_end,
    trajectory_set_housed,
    trajectory_start,
)

__all__ = [
    "AGREEMENT_MONTHS",
    "APPLICATION_VIEWED",
    "CHECK_KIND",
    "DECISION_KIND",
    "EVALUATION_KIND",
    "FIRST_EVALUATION_MONTHS",
    "ApplicationDetails",
    "TrajectenError",
    "application_create",
    "application_submit",
    "application_update",
    "application_viewed",
    "application_withdraw",
    "check_due_on",
    "check_key_prefix",
    "check_reference",
    "contact_add",
    "decision_record",
    "evaluation_key_prefix",
    "evaluation_plan",
    "evaluation_record",
    "goal_add",
    "goal_set_status",
    "housing_check_record",
    "housing_step_add",
    "housing_step_remove",
    "meeting_create",
    "meeting_schedule",
    "reminder_at",
    "schedule_checks",
    "trajectory_end",
    "trajectory_set_housed",
    "trajectory_start",
]
