""" "Iedereen welkom": enrolling without an account, as a guest or at the desk.

A guest gives a name and an email address or a phone number, as for an activity of the agenda;
staff at the desk do the same for someone who calls or drops by. Both go through the same places
engine (huis.places) and the same waiting list as students with an account. A guest's signed
link shows their enrolment; once they have an account, the link moves the enrolment (and its
history: attendance, evaluation) into it.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.places import services as places
from huis.places.models import PlaceClaim

from .. import notify
from ..models import Course, Enrollment
from .common import CourseError
from .enrollments import _check_enrolment_open, _claim_place, lock_enrollment


class AlreadyEnrolled(CourseError):
    """The address or number is enrolled already. A guest sees the answer a new enrolment
    would get (a form must not tell a stranger who follows a course); staff see this."""


def _desk_refusal(course: Course) -> str | None:
    """At the desk the term's enrolment window does not apply (staff decide), the rest does."""
    if course.is_cancelled:
        return _("This course is cancelled. You cannot enrol.")
    if not course.is_published:
        return _("You cannot enrol for this course yet.")
    if course.is_over:
        return _("This course is over.")
    return None


@transaction.atomic
def enrollment_create_as_guest(
    *,
    course: Course,
    name: str,
    email: str = "",
    phone: str = "",
    language: str = "nl",
    actor: Any = None,
) -> Enrollment:
    """Enrol a guest (`actor` None) or someone at the desk (`actor`: the staff member).

    A place when one is free, else the waiting list (huis.places decides, under its lock). A
    course with an intake talk takes guests only at the desk: staff have had that talk."""
    course = Course.objects.select_related("term", "offering").get(pk=course.pk)
    by_staff = actor is not None
    if by_staff:
        refusal = _desk_refusal(course)
        if refusal:
            raise CourseError(refusal)
    else:
        _check_enrolment_open(course, now=timezone.now())
        if course.requires_intake:
            raise CourseError(
                _(
                    "This course starts with a short talk. Enrol with an account, "
                    "or ask at the desk."
                )
            )
    name = " ".join(name.split())[:120]
    if not name:
        raise CourseError(_("Fill in your name."), field="name")
    if not email.strip() and not phone.strip():
        raise CourseError(_("Give an email address or a phone number."), field="email")
    try:
        claim = places.claim_create(
            offering=course.offering,
            name=name,
            email=email,
            phone=phone,
            language=language or "nl",
            actor=actor,
            check_window=not by_staff,
        )
    except places.AlreadySignedUp as exc:
        raise AlreadyEnrolled(
            _("This email address or phone number is already enrolled for this course."),
            field="email",
        ) from exc
    except places.PlaceError as exc:
        raise CourseError(str(exc)) from exc
    enrollment = Enrollment.objects.create(
        course=course,
        user=None,
        claim=claim,
        intake=Enrollment.Intake.APPROVED if course.requires_intake else "",
    )
    if claim.status == PlaceClaim.Status.CONFIRMED:
        notify.enrolled(enrollment, course)
    else:
        notify.waiting(enrollment, course)
    log_action(
        actor=actor,
        action="herstelacademie.enrolled_at_desk" if by_staff else "herstelacademie.guest_enrolled",
        obj=enrollment,
        data={"status": claim.status},
    )
    return enrollment


@transaction.atomic
def enrollment_create_at_desk(*, course: Course, user: Any, actor: Any) -> Enrollment:
    """Staff enrol someone who has an account (at the desk, or from an import of enrolments):
    the term's window does not apply, the intake counts as done, the places engine decides
    between a place and the waiting list (never more than the course holds)."""
    course = Course.objects.select_related("term", "offering").get(pk=course.pk)
    refusal = _desk_refusal(course)
    if refusal:
        raise CourseError(refusal)
    if (
        course.enrollments.filter(user=user, cancelled_at__isnull=True)
        .exclude(intake=Enrollment.Intake.DECLINED)
        .exists()
    ):
        raise AlreadyEnrolled(_("This person is already enrolled for this course."))
    enrollment = Enrollment.objects.create(
        course=course,
        user=user,
        intake=Enrollment.Intake.APPROVED if course.requires_intake else "",
    )
    try:
        _claim_place(enrollment, course, actor=actor, check_window=False)
    except CourseError as exc:
        if isinstance(exc.__cause__, places.AlreadySignedUp):  # a guest place with their contact
            raise AlreadyEnrolled(_("This person is already enrolled for this course.")) from exc
        raise
    log_action(
        actor=actor,
        action="herstelacademie.enrolled_at_desk",
        obj=enrollment,
        subject=user,
        data={"status": enrollment.claim.status},
    )
    return enrollment


@transaction.atomic
def enrollment_claim_for_account(*, enrollment: Enrollment, user: Any) -> Enrollment:
    """The guest has an account now: the enrolment, its place and its history become theirs."""
    enrollment = lock_enrollment(enrollment)
    if enrollment.user_id is not None:
        if enrollment.user_id == user.pk:
            return enrollment
        raise CourseError(_("This enrolment already belongs to an account."))
    if (
        Enrollment.objects.filter(course_id=enrollment.course_id, user=user, cancelled_at=None)
        .exclude(intake=Enrollment.Intake.DECLINED)
        .exclude(pk=enrollment.pk)
        .exists()
        and enrollment.is_open
    ):
        raise CourseError(_("Your account is already enrolled for this course."))
    enrollment.user = user
    enrollment.save(update_fields=["user"])
    if enrollment.claim_id:
        PlaceClaim.objects.filter(pk=enrollment.claim_id).update(user=user)
    log_action(
        actor=user,
        action="herstelacademie.guest_enrolment_claimed",
        obj=enrollment,
        subject=user,
    )
    return enrollment
