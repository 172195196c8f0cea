"""Every write of the Recovery College: terms, courses, sessions, enrolments, intake,
attendance, the learning plan and evaluations.

Keyword-only and typed; each runs in one transaction, so a refused change leaves nothing half
saved. Places and waiting lists go through huis.places (one offering per course); rooms through
huis.rooms.booking_set. Errors carry a translated message for the person who tried.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from huis.accounts.roles import Role
from huis.audit.services import log_action
from huis.places import services as places
from huis.places.models import ACTIVE_STATUSES, PlaceClaim
from huis.rooms.models import Room
from huis.rooms.services import RoomError, booking_release, booking_set

from . import notify
from .models import (
    Attendance,
    Course,
    CourseSession,
    CourseTrainer,
    Enrollment,
    EvaluationResponse,
    LearningEntry,
    LearningPlan,
    Term,
    TrainerRole,
)


class CourseError(Exception):
    """A change that cannot be made; the message says why, for the person who tried."""


# --- Terms and courses ------------------------------------------------------------------------


@transaction.atomic
def term_save(*, term: Term, actor: Any) -> Term:
    if term.ends_on < term.starts_on:
        raise CourseError(_("The last day must be after the first day."))
    if term.enrolment_closes_at <= term.enrolment_opens_at:
        raise CourseError(_("Enrolment must close after it opens."))
    created = term.pk is None
    term.slug = term.slug or slugify(term.name)[:90] or "periode"
    if Term.objects.filter(slug=term.slug).exclude(pk=term.pk).exists():
        raise CourseError(_("Another term already has this short name. Choose another one."))
    term.save()
    for course in term.courses.all():
        _configure_places(course)
    log_action(actor=actor, action="herstelacademie.term_saved", obj=term, data={"new": created})
    return term


@dataclass
class CourseData:
    term: Term
    title: str
    summary: str
    learning_goals: str
    format: str
    max_students: int
    themes: list = field(default_factory=list)
    requires_intake: bool = False
    accessibility_notes: str = ""
    certificate_share: int = 75
    expert_trainers: list = field(default_factory=list)
    professional_trainers: list = field(default_factory=list)


PLAIN_FIELDS = [
    "term",
    "title",
    "summary",
    "learning_goals",
    "format",
    "max_students",
    "requires_intake",
    "accessibility_notes",
    "certificate_share",
]


def coproduction_warning(*, course: Course) -> str:
    """Empty when the course is co-produced by at least one expert by experience and one
    professional; otherwise what is missing (a warning, not a refusal)."""
    roles = {t.role for t in course.trainers.all()}
    if TrainerRole.EXPERT not in roles and TrainerRole.PROFESSIONAL not in roles:
        return _("This course has no trainers yet. Add an expert by experience and a professional.")
    if TrainerRole.EXPERT not in roles:
        return _(
            "This course has no expert by experience among its trainers. Co-production needs one."
        )
    if TrainerRole.PROFESSIONAL not in roles:
        return _("This course has no professional among its trainers. Co-production needs one.")
    return ""


def _configure_places(course: Course) -> None:
    config = places.OfferingSettings(
        capacity=course.max_students,
        is_open=course.status == Course.Status.PUBLISHED,
        opens_at=course.term.enrolment_opens_at,
        closes_at=course.term.enrolment_closes_at,
        max_places_per_claim=1,
    )
    try:
        offering = places.offering_configure(holder=course, config=config)
    except places.PlaceError as exc:
        raise CourseError(str(exc)) from exc
    if course.offering_id != offering.pk:
        course.offering = offering
        course.save(update_fields=["offering"])


def _set_trainers(course: Course, data: CourseData) -> None:
    experts = list(data.expert_trainers)
    for user in experts:
        if not user.has_role(Role.EXPERT):
            raise CourseError(
                _("%(name)s is not registered as an expert by experience.")
                % {"name": user.display_name}
            )
    wanted = {u.pk: TrainerRole.EXPERT for u in experts}
    for user in data.professional_trainers:
        if user.pk in wanted:
            raise CourseError(
                _("%(name)s cannot be both expert by experience and professional in one course.")
                % {"name": user.display_name}
            )
        wanted[user.pk] = TrainerRole.PROFESSIONAL
    course.trainers.exclude(user_id__in=wanted).delete()
    for user_id, role in wanted.items():
        CourseTrainer.objects.update_or_create(
            course=course, user_id=user_id, defaults={"role": role}
        )


def _check(data: CourseData) -> None:
    if data.max_students < 1:
        raise CourseError(_("A course needs at least one place."))
    if not 1 <= data.certificate_share <= 100:
        raise CourseError(_("The share for a certificate is a percentage from 1 to 100."))


@transaction.atomic
def course_create(*, data: CourseData, actor: Any) -> Course:
    """A new course, as a draft. See coproduction_warning for what the form warns about."""
    _check(data)
    course = Course()
    for name in PLAIN_FIELDS:
        setattr(course, name, getattr(data, name))
    course.save()
    course.themes.set(data.themes)
    _set_trainers(course, data)
    _configure_places(course)
    log_action(actor=actor, action="herstelacademie.course_created", obj=course)
    return course


@transaction.atomic
def course_update(*, course: Course, data: CourseData, actor: Any) -> Course:
    _check(data)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.is_cancelled:
        raise CourseError(_("This course is cancelled. It cannot be changed any more."))
    for name in PLAIN_FIELDS:
        setattr(course, name, getattr(data, name))
    course.save()
    course.themes.set(data.themes)
    _set_trainers(course, data)
    _configure_places(course)
    log_action(actor=actor, action="herstelacademie.course_changed", obj=course)
    return course


@transaction.atomic
def course_publish(*, course: Course, actor: Any) -> Course:
    course = Course.objects.select_for_update().select_related("term").get(pk=course.pk)
    if course.status != Course.Status.DRAFT:
        raise CourseError(_("Only a draft can be published."))
    if not course.sessions.exists():
        raise CourseError(_("Add at least one session before you publish the course."))
    if course.is_over:
        raise CourseError(_("This course is over. It cannot be published any more."))
    course.status = Course.Status.PUBLISHED
    course.save(update_fields=["status", "updated_at"])
    _configure_places(course)
    log_action(actor=actor, action="herstelacademie.course_published", obj=course)
    return course


@transaction.atomic
def course_cancel(*, course: Course, actor: Any) -> Course:
    """Cancel a course: its rooms are free again and every student is told."""
    course = Course.objects.select_for_update().select_related("term").get(pk=course.pk)
    if course.is_cancelled:
        raise CourseError(_("This course was already cancelled."))
    if course.is_over:
        raise CourseError(_("This course is over. It cannot be cancelled any more."))
    was_published = course.is_published
    course.status = Course.Status.CANCELLED
    course.save(update_fields=["status", "updated_at"])
    for session in course.sessions.all():
        booking_release(holder=session)
        notify.session_removed(session)
    places.offering_set_open(offering=course.offering, is_open=False)
    told = 0
    for enrollment in course.enrollments.select_related("user", "claim").filter(
        cancelled_at__isnull=True
    ):
        if was_published and enrollment.is_open:
            notify.course_cancelled(enrollment, course)
            told += 1
    log_action(
        actor=actor, action="herstelacademie.course_cancelled", obj=course, data={"told": told}
    )
    return course


# --- Sessions ---------------------------------------------------------------------------------


def _refresh_dates(course: Course) -> bool:
    """Keep the course's first and last moments right; True when the last one moved."""
    span = course.sessions.aggregate(first=Min("starts_at"), last=Max("ends_at"))
    moved = span["last"] != course.last_session_ends_at
    course.first_session_at, course.last_session_ends_at = span["first"], span["last"]
    course.save(update_fields=["first_session_at", "last_session_ends_at"])
    return moved


def _students_with_place(course: Course) -> list[Enrollment]:
    return list(
        course.enrollments.select_related("user", "claim").filter(
            cancelled_at__isnull=True, claim__status=PlaceClaim.Status.CONFIRMED
        )
    )


@transaction.atomic
def session_save(
    *,
    course: Course,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    room: Room | None,
    actor: Any,
    location: str = "",
    topic: str = "",
    session: CourseSession | None = None,
) -> CourseSession:
    """Add or move a session. Its room is booked through huis.rooms: a clash with an activity or
    another session is refused and named. Reminders follow the session."""
    if course.is_cancelled:
        raise CourseError(_("This course is cancelled. It cannot be changed any more."))
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise ValueError("Sessions need aware datetimes.")
    if ends_at <= starts_at:
        raise CourseError(_("The end must be after the start."))
    if room is None and not location.strip():
        raise CourseError(_("Choose a room, or say where the session takes place."))
    session = session or CourseSession(course=course)
    moved = session.pk is None or session.starts_at != starts_at
    session.starts_at, session.ends_at = starts_at, ends_at
    session.room, session.location, session.topic = room, location.strip(), topic.strip()
    session.save()
    try:
        booking_set(holder=session, room=room, start=starts_at, end=ends_at, label=course.title)
    except RoomError as exc:
        raise CourseError(str(exc)) from exc
    last_moved = _refresh_dates(course)
    students = _students_with_place(course)
    if moved:
        notify.session_changed(session, students)
    if last_moved:
        notify.evaluation_moved(course, students)
    log_action(actor=actor, action="herstelacademie.session_saved", obj=session)
    return session


@transaction.atomic
def session_delete(*, session: CourseSession, actor: Any) -> None:
    course = session.course
    if session.attendances.exists():
        raise CourseError(_("Attendance was taken for this session. It cannot be removed."))
    booking_release(holder=session)
    notify.session_removed(session)
    log_action(actor=actor, action="herstelacademie.session_deleted", obj=session)
    session.delete()
    if _refresh_dates(course):
        notify.evaluation_moved(course, _students_with_place(course))


# --- Enrolment, intake, cancellation ----------------------------------------------------------


def _check_enrolment_open(course: Course, *, now: dt.datetime) -> None:
    if course.is_cancelled:
        raise CourseError(_("This course is cancelled. You cannot enrol."))
    if not course.is_published:
        raise CourseError(_("You cannot enrol for this course yet."))
    if course.is_over:
        raise CourseError(_("This course is over."))
    if now < course.term.enrolment_opens_at:
        raise CourseError(_("Enrolment is not open yet."))
    if now >= course.term.enrolment_closes_at:
        raise CourseError(_("Enrolment for this term is closed."))


def _claim_place(enrollment: Enrollment, course: Course, *, actor: Any, check_window: bool):
    user = enrollment.user
    try:
        claim = places.claim_create(
            offering=course.offering,
            user=user,
            name=user.display_name or user.email,
            email=user.email,
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


def _lock_enrollment(enrollment: Enrollment) -> Enrollment:
    return (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("course__term", "course__offering", "user", "claim")
        .get(pk=enrollment.pk)
    )


@transaction.atomic
def intake_approve(*, enrollment: Enrollment, actor: Any, note: str = "") -> Enrollment:
    """The intake went well: the student gets a place (or a place on the waiting list)."""
    enrollment = _lock_enrollment(enrollment)
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
    enrollment = _lock_enrollment(enrollment)
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
    enrollment = _lock_enrollment(enrollment)
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


# --- Attendance -------------------------------------------------------------------------------

EARLY_CHECK_IN = dt.timedelta(hours=1)


@transaction.atomic
def attendance_record(
    *, session: CourseSession, enrollment: Enrollment, status: str, actor: Any
) -> Attendance:
    """Present, late, excused or absent, for one student at one session (replaces an earlier
    answer). Only for students who had their place when the session began."""
    if status not in Attendance.Status.values:
        raise CourseError(_("Choose present, late, excused or absent."))
    if enrollment.course_id != session.course_id:
        raise CourseError(_("This student is not enrolled for this course."))
    if session.starts_at - EARLY_CHECK_IN > timezone.now():
        raise CourseError(_("You can take attendance from one hour before the session."))
    since = enrollment.place_since
    if not enrollment.is_open or since is None:
        raise CourseError(_("This student has no place in the course."))
    if session.starts_at < since:
        raise CourseError(_("This session was held before the student enrolled."))
    attendance, created = Attendance.objects.update_or_create(
        session=session, enrollment=enrollment, defaults={"status": status, "recorded_by": actor}
    )
    log_action(
        actor=actor,
        action="herstelacademie.attendance",
        obj=attendance,
        subject=enrollment.user,
        data={"status": status, "new": created},
    )
    return attendance


def _check_own_upcoming(session: CourseSession, enrollment: Enrollment) -> None:
    if enrollment.course_id != session.course_id:
        raise CourseError(_("This student is not enrolled for this course."))
    if session.has_started:
        raise CourseError(_("This session has already begun."))
    if not enrollment.has_place:
        raise CourseError(_("This student has no place in the course."))


@transaction.atomic
def absence_announce(*, session: CourseSession, enrollment: Enrollment, actor: Any) -> Attendance:
    """The student says in advance they cannot come: the session is marked excused (the
    trainers see it in the register and may still change it) and its reminder is cancelled."""
    enrollment = _lock_enrollment(enrollment)
    _check_own_upcoming(session, enrollment)
    attendance, _created = Attendance.objects.update_or_create(
        session=session,
        enrollment=enrollment,
        defaults={"status": Attendance.Status.EXCUSED, "recorded_by": actor},
    )
    from huis.notifications.services import notification_cancel

    notification_cancel(key_prefix=notify.reminder_prefix(session, enrollment))
    log_action(
        actor=actor,
        action="herstelacademie.absence_announced",
        obj=attendance,
        subject=enrollment.user,
    )
    return attendance


@transaction.atomic
def absence_withdraw(*, session: CourseSession, enrollment: Enrollment, actor: Any) -> None:
    """The student can come after all: the excuse goes, the reminder comes back."""
    enrollment = _lock_enrollment(enrollment)
    _check_own_upcoming(session, enrollment)
    deleted, _rows = Attendance.objects.filter(
        session=session, enrollment=enrollment, status=Attendance.Status.EXCUSED
    ).delete()
    if not deleted:
        raise CourseError(_("You had not said you cannot come."))
    notify.schedule_reminder(enrollment, session, again=True)
    log_action(
        actor=actor,
        action="herstelacademie.absence_withdrawn",
        obj=enrollment,
        subject=enrollment.user,
    )


# --- Mijn leertraject -------------------------------------------------------------------------


def plan_for(*, user: Any) -> LearningPlan:
    plan, _created = LearningPlan.objects.get_or_create(user=user)
    return plan


@transaction.atomic
def entry_save(
    *,
    plan: LearningPlan,
    kind: str,
    text: str,
    is_shared: bool,
    actor: Any,
    is_done: bool = False,
    entry: LearningEntry | None = None,
) -> LearningEntry:
    text = text.strip()
    if not text:
        raise CourseError(_("Write something first."))
    if kind not in LearningEntry.Kind.values:
        raise CourseError(_("Choose a learning goal or a note."))
    entry = entry or LearningEntry(plan=plan)
    entry.kind, entry.text, entry.is_shared, entry.is_done = kind, text[:2000], is_shared, is_done
    entry.save()
    log_action(actor=actor, action="herstelacademie.plan_entry_saved", obj=entry, subject=plan.user)
    return entry


@transaction.atomic
def entry_delete(*, entry: LearningEntry, actor: Any) -> None:
    log_action(
        actor=actor, action="herstelacademie.plan_entry_deleted", obj=entry, subject=entry.plan.user
    )
    entry.delete()


def companion_candidates():
    """Who a student may choose as learning companion: the house's staff and experts."""
    from huis.accounts.models import User

    roles = [Role.STAFF, Role.COORDINATOR, Role.EXPERT]
    return (
        User.objects.filter(is_active=True, groups__name__in=roles)
        .distinct()
        .order_by("display_name", "pk")
    )


@transaction.atomic
def companion_set(
    *, plan: LearningPlan, companion: Any | None, share_courses: bool, actor: Any
) -> LearningPlan:
    if companion is not None:
        if companion.pk == plan.user_id:
            raise CourseError(_("Choose someone else as your learning companion."))
        if not companion_candidates().filter(pk=companion.pk).exists():
            raise CourseError(_("Choose a staff member or an expert by experience."))
    plan.companion = companion
    plan.share_courses = share_courses and companion is not None
    plan.save(update_fields=["companion", "share_courses", "updated_at"])
    log_action(
        actor=actor,
        action="herstelacademie.companion_set",
        obj=plan,
        subject=plan.user,
        data={"companion": companion.pk if companion else None, "courses": plan.share_courses},
    )
    return plan


# --- Evaluation -------------------------------------------------------------------------------


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
    enrollment = _lock_enrollment(enrollment)
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
