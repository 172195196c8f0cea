"""Every write of the Recovery College, one module per part: terms and courses, sessions,
enrolments and intake, attendance, the learning plan and evaluations.

Keyword-only and typed; each runs in one transaction, so a refused change leaves nothing half
saved. Places and waiting lists go through huis.places (one offering per course); rooms through
huis.rooms.booking_set; row locks through huis.core.locking. Errors are `CourseError`s (a
`huis.core.errors.DomainError`) with a translated message for the person who tried.
"""

from .attendance import EARLY_CHECK_IN, absence_announce, absence_withdraw, attendance_record
from .common import CourseError, configure_places
from .courses import (
    CourseData,
    coproduction_warning,
    course_cancel,
    course_create,
    course_publish,
    course_update,
    term_save,
)
from .enrollments import (
    enrollment_cancel,
    enrollment_create,
    enrolment_refusal,
    intake_approve,
    intake_decline,
    lock_enrollment,
    on_claim_promoted,
)
from .evaluations import evaluation_submit
from .guests import (
    AlreadyEnrolled,
    enrollment_claim_for_account,
    enrollment_create_as_guest,
    enrollment_create_at_desk,
)
from .plans import companion_candidates, companion_set, entry_delete, entry_save, plan_for
from .sessions import session_delete, session_save

__all__ = [
    "EARLY_CHECK_IN",
    "AlreadyEnrolled",
    "CourseData",
    "CourseError",
    "absence_announce",
    "absence_withdraw",
    "attendance_record",
    "companion_candidates",
    "companion_set",
    "configure_places",
    "coproduction_warning",
    "course_cancel",
    "course_create",
    "course_publish",
    "course_update",
    "enrollment_cancel",
    "enrollment_claim_for_account",
    "enrollment_create",
    "enrollment_create_as_guest",
    "enrollment_create_at_desk",
    "enrolment_refusal",
    "entry_delete",
    "entry_save",
    "evaluation_submit",
    "intake_approve",
    "intake_decline",
    "lock_enrollment",
    "on_claim_promoted",
    "plan_for",
    "session_delete",
    "session_save",
    "term_save",
]
