"""Every write of ontmoeting: the programme, sign-ups, check-in and walk-in counts.

Keyword-only and typed; each runs in one transaction, so a refused change leaves nothing half
saved. Errors carry a translated message for the person who tried. One module per entity:
`activities` (the programme and series), `registrations` (sign-ups and check-in), `walk_in`
(open hours and walk-in counts); every public name is importable from here.
"""

from .activities import (
    MAX_SERIES,
    ActivityData,
    activity_cancel,
    activity_create,
    activity_publish,
    activity_update,
)
from .errors import ActivityError, AlreadyRegistered
from .feedback import feedback_give, feedback_refusal
from .proposals import (
    ANSWER_STATUSES,
    proposal_answer,
    proposal_submit,
    proposal_token_hash,
)
from .registrations import (
    activity_of,
    on_claim_promoted,
    registration_accept_offer,
    registration_cancel,
    registration_create,
    registration_create_as_guest,
    registration_move_up,
    registration_set_attendance,
    sign_up_refusal,
)
from .walk_in import activity_record_walk_ins, walk_in_record

__all__ = [
    "ANSWER_STATUSES",
    "MAX_SERIES",
    "ActivityData",
    "ActivityError",
    "AlreadyRegistered",
    "activity_cancel",
    "activity_create",
    "activity_of",
    "activity_publish",
    "activity_record_walk_ins",
    "activity_update",
    "feedback_give",
    "feedback_refusal",
    "on_claim_promoted",
    "proposal_answer",
    "proposal_submit",
    "proposal_token_hash",
    "registration_accept_offer",
    "registration_cancel",
    "registration_create",
    "registration_create_as_guest",
    "registration_move_up",
    "registration_set_attendance",
    "sign_up_refusal",
    "walk_in_record",
]
