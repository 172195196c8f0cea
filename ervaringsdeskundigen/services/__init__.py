"""Every write of ervaringsdeskundigen. Keyword-only and typed; each runs in one transaction,
writes an audit entry and raises `ExpertsError` (a `huis.core.errors.DomainError`) with a
translated message when it cannot be done.
"""

from .allowance import (
    AllowanceQuote,
    allowance_quote,
    allowance_year_update,
    assignment_approve,
    assignment_report,
    assignment_return_report,
)
from .errors import ExpertsError
from .experts import (
    absence_add,
    absence_delete,
    expert_create,
    expert_update,
    expert_update_own,
    feed_token_renew,
)
from .intervision import (
    intervision_attendance,
    intervision_cancel,
    intervision_cancel_sign_up,
    intervision_create,
    intervision_move,
    intervision_sign_up,
)
from .organisations import (
    request_create_organisation,
    request_link_organisation,
    request_unlink_organisation,
)
from .transitions import TRANSITIONS, RequestActions, request_actions
from .workflow import (
    assignment_accept,
    assignment_decline,
    assignment_withdraw,
    evaluation_submit,
    request_cancel,
    request_decline,
    request_mark_done,
    request_propose_experts,
    request_schedule,
    request_submit,
    request_take,
)

__all__ = [
    "TRANSITIONS",
    "AllowanceQuote",
    "ExpertsError",
    "RequestActions",
    "absence_add",
    "absence_delete",
    "allowance_quote",
    "allowance_year_update",
    "assignment_accept",
    "assignment_approve",
    "assignment_decline",
    "assignment_report",
    "assignment_return_report",
    "assignment_withdraw",
    "evaluation_submit",
    "expert_create",
    "expert_update",
    "expert_update_own",
    "feed_token_renew",
    "intervision_attendance",
    "intervision_cancel",
    "intervision_cancel_sign_up",
    "intervision_create",
    "intervision_move",
    "intervision_sign_up",
    "request_actions",
    "request_cancel",
    "request_create_organisation",
    "request_decline",
    "request_link_organisation",
    "request_mark_done",
    "request_propose_experts",
    "request_schedule",
    "request_submit",
    "request_take",
    "request_unlink_organisation",
]
