"""Enrolling, the intake conversation and cancelling; the place itself is a huis.places claim."""

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.core.locking import lock
from huis.places import services as places
from huis.places.models import ACTIVE_STATUSES, PlaceClaim

from .. import notify
from ..models import Course, Enrollment
from .common import CourseError


def enrolment_refusal(course: Course, *, now: dt.datetime) -> str | None:
    """Why nobody can enrol for `course` at `now`, or None while enrolment is open: the one rule
    that the course page (whether to show the button) and `enrollment_create` both follow."""
    if course.is_cancelled:
        return _("This course is cancelled. You cannot enrol.")
    if not course.is_published:
        return _("You cannot enrol for this course yet.")
    if course.is_over:
        return _("This course is over.")
    if now < course.term.enrolment_opens_at:
        return _("Enrolment is not open yet.")
    if now >= course.term.enrolment_closes_at:
        return _("Enrolment for this term is closed.")
    return None


def _check_enrolment_open(course: Course, *, now: dt.datetime) -> None:
    refusal = enrolment_refusal(course, now=now)
    if refusal is not None:
        raise CourseError(refusal)


def _claim_place(enrollment: Enrollment, course: Course, *, actor: Any, check_window: bool):
    user = enrollment.user
    try:
        claim = places.claim_create(
            offering=course.offering,
            user=user,
            name=user.display_name or user.email or user.phone,
            email=user.email or "",
            phone=user.phone,
            language=user.preferred_language or "nl",
            actor=actor,
            check_window=check_window,
        )
    except places.PlaceError as exc:
        raise CourseError(str(exc)) from exc
    enrollment.claim = claim
    enrollment.save(update_fields=["claim"])
    if claim.status == PlaceClaim.Status.CONFIRMED:
        notify.enrolled(enrollment, course)
    else:
        notify.waiting(enrollment, course)
    return claim


@transaction.atomic
def enrollment_create(*, course: Course, user: Any, hope_note: str = "") -> Enrollment:
    """Enrol with an account. With an intake the enrolment waits for a trainer; otherwise it
    gets a place or a place on the waiting list at once (huis.places decides)."""
    course = Course.objects.select_related("term", "offering").get(pk=course.pk)
    _check_enrolment_open(course, now=timezone.now())
    if (
        course.enrollments.filter(user=user, cancelled_at__isnull=True)
        .exclude(intake=Enrollment.Intake.DECLINED)
        .exists()
    ):
        raise CourseError(_("You are already enrolled for this course."))
    enrollment = Enrollment(
        course=course,
        user=user,
        hope_note=hope_note.strip()[:500],
        intake=Enrollment.Intake.PENDING if course.requires_intake else "",
    )
    try:
        with transaction.atomic():
            enrollment.save()
    except IntegrityError as exc:  # the same person, twice at the same moment
        raise CourseError(_("You are already enrolled for this course.")) from exc
    if course.requires_intake:
        notify.intake_pending(enrollment, course)
        notify.intake_requested(enrollment, course)
    else:
        _claim_place(enrollment, course, actor=user, check_window=True)
    log_action(
        actor=user,
        action="herstelacademie.enrolled",
        obj=enrollment,
        subject=user,
        data={"intake": course.requires_intake},
    )
    return enrollment


def lock_enrollment(enrollment: Enrollment) -> Enrollment:
    """The enrolment, locked for the rest of the transaction (its course and claim read along,
    not locked); `Busy` when someone else holds it too long."""
    return lock(
        Enrollment.objects.select_related("course__term", "course__offering", "user", "claim"),
        enrollment.pk,
        of=("self",),
    )


@transaction.atomic
def intake_approve(*, enrollment: Enrollment, actor: Any, note: str = "") -> Enrollment:
    """The intake went well: the student gets a place (or a place on the waiting list)."""
    enrollment = lock_enrollment(enrollment)
    if enrollment.intake != Enrollment.Intake.PENDING or enrollment.cancelled_at:
        raise CourseError(_("This enrolment does not wait for an intake."))
    enrollment.intake = Enrollment.Intake.APPROVED
    enrollment.intake_note = note.strip()[:500]
    enrollment.save(update_fields=["intake", "intake_note"])
    _claim_place(enrollment, enrollment.course, actor=actor, check_window=False)
    log_action(
        actor=actor,
        action="herstelacademie.intake_approved",
        obj=enrollment,
        subject=enrollment.user,
    )
    return enrollment


@transaction.atomic
def intake_decline(*, enrollment: Enrollment, actor: Any, note: str = "") -> Enrollment:
    """This course is not the right one now: the student is told, kindly, with the note."""
    enrollment = lock_enrollment(enrollment)
    if enrollment.intake != Enrollment.Intake.PENDING or enrollment.cancelled_at:
        raise CourseError(_("This enrolment does not wait for an intake."))
    enrollment.intake = Enrollment.Intake.DECLINED
    enrollment.intake_note = note.strip()[:500]
    enrollment.save(update_fields=["intake", "intake_note"])
    notify.intake_declined(enrollment, enrollment.course)
    log_action(
        actor=actor,
        action="herstelacademie.intake_declined",
        obj=enrollment,
        subject=enrollment.user,
    )
    return enrollment


@transaction.atomic
def enrollment_cancel(*, enrollment: Enrollment, actor: Any) -> Enrollment:
    """The student stops (or never starts): the place goes to the next person on the waiting
    list, through huis.places; reminders and the evaluation are cancelled."""
    enrollment = lock_enrollment(enrollment)
    if not enrollment.is_open:
        raise CourseError(_("This enrolment was already cancelled."))
    if enrollment.course.is_over:
        raise CourseError(_("This course is over."))
    if enrollment.claim is not None and enrollment.claim.status in ACTIVE_STATUSES:
        try:
            places.claim_cancel(claim=enrollment.claim, actor=actor)
        except places.PlaceError as exc:
            raise CourseError(str(exc)) from exc
    enrollment.cancelled_at = timezone.now()
    enrollment.save(update_fields=["cancelled_at"])
    notify.cancel_course_messages(enrollment, enrollment.course)
    log_action(
        actor=actor,
        action="herstelacademie.enrollment_cancelled",
        obj=enrollment,
        subject=enrollment.user,
    )
    return enrollment


def on_claim_promoted(sender: Any, claim: PlaceClaim, offered: bool, **kwargs: Any) -> None:
    """huis.places gave a freed place to someone waiting: tell them, if it is one of ours."""
    if claim.offering.holder_type_id != ContentType.objects.get_for_model(Course).pk:
        return
    enrollment = (
        Enrollment.objects.select_related("user", "course__term").filter(claim=claim).first()
    )
    if enrollment is not None and not offered:
        enrollment.claim = claim
        notify.enrolled(enrollment, enrollment.course)
