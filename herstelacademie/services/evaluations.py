"""The evaluation a student fills in after the course; anonymous answers stay anonymous."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action

from ..models import Enrollment, EvaluationResponse
from .common import CourseError
from .enrollments import lock_enrollment


@transaction.atomic
def evaluation_submit(
    *,
    enrollment: Enrollment,
    overall: int,
    useful: int,
    trainers: int,
    comment: str,
    anonymous: bool,
    actor: Any,
) -> EvaluationResponse:
    """The student's answers after the course. Anonymous answers are not linked to them: only
    that they answered is kept (so nobody answers twice)."""
    enrollment = lock_enrollment(enrollment)
    course = enrollment.course
    if not course.is_over:
        raise CourseError(_("You can fill in the evaluation after the last session."))
    if not enrollment.has_place:
        raise CourseError(_("Only students who took part can fill in the evaluation."))
    if enrollment.evaluated_at is not None:
        raise CourseError(_("You already filled in the evaluation. Thank you!"))
    for score in (overall, useful, trainers):
        if score not in range(1, 6):
            raise CourseError(_("Choose a score from 1 to 5."))
    now = timezone.now()
    response = EvaluationResponse.objects.create(
        course=course,
        enrollment=None if anonymous else enrollment,
        overall=overall,
        useful=useful,
        trainers=trainers,
        comment=comment.strip()[:2000],
    )
    enrollment.evaluated_at = now
    enrollment.save(update_fields=["evaluated_at"])
    # The audit entry names the course, not the answer, so anonymous answers stay anonymous.
    log_action(actor=actor, action="herstelacademie.evaluated", obj=course)
    return response
