"""Terms and courses: planning, co-production of the trainers, publishing and cancelling."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from huis.accounts.roles import Role
from huis.audit.services import log_action
from huis.core.content_language import Translations, translations_apply
from huis.core.locking import lock
from huis.places import services as places
from huis.rooms.services import booking_release

from .. import notify
from ..models import Course, CourseTrainer, Term, TrainerRole
from .common import CourseError, configure_places


@transaction.atomic
def term_save(*, term: Term, actor: Any, translations: Translations | None = None) -> Term:
    if term.ends_on < term.starts_on:
        raise CourseError(_("The last day must be after the first day."), field="ends_on")
    if term.enrolment_closes_at <= term.enrolment_opens_at:
        raise CourseError(_("Enrolment must close after it opens."), field="enrolment_closes_at")
    created = term.pk is None
    term.slug = term.slug or slugify(term.name)[:90] or "periode"
    if Term.objects.filter(slug=term.slug).exclude(pk=term.pk).exists():
        raise CourseError(
            _("Another term already has this short name. Choose another one."), field="slug"
        )
    translations_apply(term, translations or {})
    term.save()
    for course in term.courses.all():
        configure_places(course)
    log_action(actor=actor, action="herstelacademie.term_saved", obj=term, data={"new": created})
    return term


@dataclass(frozen=True, kw_only=True)
class CourseData:
    """Everything the course form decides, typed: a misspelt field is an error at the call."""

    term: Term
    title: str
    summary: str
    learning_goals: str
    format: str
    max_students: int
    themes: Sequence[Any] = ()
    requires_intake: bool = False
    accessibility_notes: str = ""
    certificate_share: int = 75
    expert_trainers: Sequence[Any] = ()
    professional_trainers: Sequence[Any] = ()
    # French and English of title, summary and learning goals; absent: unchanged.
    translations: Translations = field(default_factory=dict)


def _apply(course: Course, data: CourseData) -> None:
    """Write the course's own fields from `data` (themes and trainers are rows of their own)."""
    course.term = data.term
    course.title = data.title
    course.summary = data.summary
    course.learning_goals = data.learning_goals
    course.format = data.format
    course.max_students = data.max_students
    course.requires_intake = data.requires_intake
    course.accessibility_notes = data.accessibility_notes
    course.certificate_share = data.certificate_share
    translations_apply(course, data.translations)


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


def _set_trainers(course: Course, data: CourseData) -> None:
    experts = list(data.expert_trainers)
    for user in experts:
        if not user.has_role(Role.EXPERT):
            raise CourseError(
                _("%(name)s is not registered as an expert by experience.")
                % {"name": user.display_name},
                field="expert_trainers",
            )
    wanted = {u.pk: TrainerRole.EXPERT for u in experts}
    for user in data.professional_trainers:
        if user.pk in wanted:
            raise CourseError(
                _("%(name)s cannot be both expert by experience and professional in one course.")
                % {"name": user.display_name},
                field="professional_trainers",
            )
        wanted[user.pk] = TrainerRole.PROFESSIONAL
    course.trainers.exclude(user_id__in=wanted).delete()
    for user_id, role in wanted.items():
        CourseTrainer.objects.update_or_create(
            course=course, user_id=user_id, defaults={"role": role}
        )


def _check(data: CourseData) -> None:
    if data.max_students < 1:
        raise CourseError(_("A course needs at least one place."), field="max_students")
    if not 1 <= data.certificate_share <= 100:
        raise CourseError(
            _("The share for a certificate is a percentage from 1 to 100."),
            field="certificate_share",
        )


@transaction.atomic
def course_create(*, data: CourseData, actor: Any) -> Course:
    """A new course, as a draft. See coproduction_warning for what the form warns about."""
    _check(data)
    course = Course()
    _apply(course, data)
    course.save()
    course.themes.set(data.themes)
    _set_trainers(course, data)
    configure_places(course)
    log_action(actor=actor, action="herstelacademie.course_created", obj=course)
    return course


@transaction.atomic
def course_update(*, course: Course, data: CourseData, actor: Any) -> Course:
    _check(data)
    course = lock(Course.objects.all(), course.pk)
    if course.is_cancelled:
        raise CourseError(_("This course is cancelled. It cannot be changed any more."))
    _apply(course, data)
    course.save()
    course.themes.set(data.themes)
    _set_trainers(course, data)
    configure_places(course)
    log_action(actor=actor, action="herstelacademie.course_changed", obj=course)
    return course


@transaction.atomic
def course_publish(*, course: Course, actor: Any) -> Course:
    course = lock(Course.objects.select_related("term"), course.pk)
    if course.status != Course.Status.DRAFT:
        raise CourseError(_("Only a draft can be published."))
    if not course.sessions.exists():
        raise CourseError(_("Add at least one session before you publish the course."))
    if course.is_over:
        raise CourseError(_("This course is over. It cannot be published any more."))
    course.status = Course.Status.PUBLISHED
    course.save(update_fields=["status", "updated_at"])
    configure_places(course)
    log_action(actor=actor, action="herstelacademie.course_published", obj=course)
    return course


@transaction.atomic
def course_cancel(*, course: Course, actor: Any) -> Course:
    """Cancel a course: its rooms are free again and every student is told."""
    course = lock(Course.objects.select_related("term"), course.pk)
    if course.is_cancelled:
        raise CourseError(_("This course was already cancelled."))
    if course.is_over:
        raise CourseError(_("This course is over. It cannot be cancelled any more."))
    was_published = course.is_published
    claims = notify.course_claims(course) if was_published else []
    course.status = Course.Status.CANCELLED
    course.save(update_fields=["status", "updated_at"])
    for session in course.sessions.all():
        booking_release(holder=session)
        notify.session_removed(session)
    places.offering_set_open(offering=course.offering, is_open=False)
    told = 0
    if was_published:
        enrollments = [
            e
            for e in course.enrollments.select_related("user").filter(cancelled_at__isnull=True)
            if e.is_open
        ]
        told = notify.course_cancelled(course, enrollments, claims)
    log_action(
        actor=actor, action="herstelacademie.course_cancelled", obj=course, data={"told": told}
    )
    return course
