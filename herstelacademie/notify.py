"""What the Recovery College tells students, through the outbox of huis.notifications.

Every message is a row with a unique key, written in the same transaction as the change it is
about. Reminders before each session and the evaluation after the last one are rows with a due
time; the outbox's sweep sends them. Keys carry the moment they are for, so a moved session gets a
new reminder and the old one is cancelled. Texts live in templates/notifications/<kind>/.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from huis.notifications import notices
from huis.notifications.services import notification_cancel, notification_schedule
from huis.places.models import PlaceClaim

from .models import Course, CourseSession, Enrollment

KIND_ENROLLED = "herstelacademie_enrolled"
KIND_WAITING = "herstelacademie_waiting"
KIND_INTAKE = "herstelacademie_intake"
KIND_DECLINED = "herstelacademie_intake_declined"
KIND_REMINDER = "herstelacademie_reminder"
KIND_EVALUATION = "herstelacademie_evaluation"
# No longer written (cancellations go through huis.notifications.notices); its templates stay
# so rows of this kind still in the outbox render.
KIND_CANCELLED = "herstelacademie_course_cancelled"
KIND_INTAKE_REQUEST = "herstelacademie_intake_request"

REMINDER_BEFORE = timedelta(hours=24)


def _language(enrollment: Enrollment) -> str:
    if enrollment.user:
        return enrollment.user.preferred_language or "nl"
    return (enrollment.claim.language if enrollment.claim else "") or "nl"


def guest_url(enrollment: Enrollment, course: Course) -> str:
    """A guest's signed link to their enrolment (no account): valid until the course is over,
    and a year at most."""
    from huis.places.services import claim_make_token

    until = timezone.now() + timedelta(days=365)
    if course.last_session_ends_at:
        until = min(until, course.last_session_ends_at + timedelta(days=30))
    token = claim_make_token(claim=enrollment.claim, valid_until=until)
    return settings.SITE_URL + reverse("herstelacademie:guest", kwargs={"token": token})


def _context(enrollment: Enrollment, course: Course, **extra: Any) -> dict:
    guest = enrollment.user is None and enrollment.claim is not None
    with translation.override(_language(enrollment)):
        context = {
            "name": enrollment.user.display_name if enrollment.user else "",
            "title": course.title,
            "course_url": settings.SITE_URL + course.get_absolute_url(),
            # A guest has no learning plan page: their own link shows the same.
            "plan_url": guest_url(enrollment, course)
            if guest
            else settings.SITE_URL + reverse("herstelacademie:plan"),
            "first_day": "",
            "intake_note": enrollment.intake_note,
        }
        if course.first_session_at:
            first = timezone.localtime(course.first_session_at)
            context["first_day"] = formats.date_format(first, "l j F Y, H:i")
        context.update(extra)
    return context


def _send(enrollment: Enrollment, course: Course, kind: str, key: str, **kwargs: Any) -> None:
    """To the student's account; to a guest (no account) at the address or number they gave."""
    contact: dict = {}
    if enrollment.user is None:
        claim = enrollment.claim
        if claim is None or not (claim.email or claim.phone):
            return
        contact = {"email": claim.email, "phone": claim.phone}
    extra = kwargs.pop("context", {})
    context = _context(enrollment, course, **extra)
    if enrollment.user is None:
        context["name"] = enrollment.claim.name
    notification_schedule(
        key=key,
        kind=kind,
        context=context,
        recipient=enrollment.user,
        language=_language(enrollment),
        **contact,
        **kwargs,
    )


def reminder_prefix(session: CourseSession, enrollment: Enrollment | None = None) -> str:
    if enrollment is None:
        return f"herstelacademie:reminder:{session.pk}:"
    return f"herstelacademie:reminder:{session.pk}:{enrollment.pk}"


def evaluation_prefix(enrollment: Enrollment) -> str:
    return f"herstelacademie:evaluation:{enrollment.pk}"


def schedule_reminder(
    enrollment: Enrollment, session: CourseSession, *, again: bool = False
) -> None:
    """`again`: a reminder that was cancelled is wanted after all (a new key: keys are never
    reused in the outbox)."""
    due = session.starts_at - REMINDER_BEFORE
    if due <= timezone.now():
        return  # a place taken on the last day: the confirmation is reminder enough
    start = timezone.localtime(session.starts_at)
    with translation.override(_language(enrollment)):
        extra = {
            "day": formats.date_format(start, "l j F Y"),
            "start": formats.time_format(start, "TIME_FORMAT"),
            "end": formats.time_format(timezone.localtime(session.ends_at), "TIME_FORMAT"),
            "place": session.place_name,
            "topic": session.topic,
        }
    key = f"{reminder_prefix(session, enrollment)}:{int(session.starts_at.timestamp())}"
    if again:
        key += f":{int(timezone.now().timestamp() * 1000)}"
    _send(enrollment, session.course, KIND_REMINDER, key, due_at=due, context=extra)


def schedule_evaluation(enrollment: Enrollment, course: Course) -> None:
    if course.last_session_ends_at is None:
        return
    extra = {
        "evaluation_url": settings.SITE_URL
        + reverse("herstelacademie:evaluation", kwargs={"pk": enrollment.pk})
    }
    key = f"{evaluation_prefix(enrollment)}:{int(course.last_session_ends_at.timestamp())}"
    due = max(course.last_session_ends_at, timezone.now())
    _send(enrollment, course, KIND_EVALUATION, key, due_at=due, context=extra)


def schedule_course_messages(enrollment: Enrollment, course: Course) -> None:
    """A place is confirmed: a reminder before every coming session, the evaluation after."""
    for session in course.sessions.select_related("room", "course"):
        schedule_reminder(enrollment, session)
    schedule_evaluation(enrollment, course)


def cancel_course_messages(enrollment: Enrollment, course: Course) -> None:
    for session in course.sessions.all():
        notification_cancel(key_prefix=reminder_prefix(session, enrollment))
    notification_cancel(key_prefix=evaluation_prefix(enrollment))


def session_changed(session: CourseSession, enrollments: list[Enrollment]) -> None:
    """A session was added or moved: its reminders follow it (with new keys: a session moved
    back to an earlier moment must not meet that moment's cancelled reminder)."""
    notification_cancel(key_prefix=reminder_prefix(session))
    for enrollment in enrollments:
        schedule_reminder(enrollment, session, again=True)


# --- Changes told through the core's change notices (huis.notifications.notices) -------------


def occasion(course: Course) -> notices.Occasion:
    return notices.Occasion(
        ref=f"herstelacademie.course:{course.pk}",
        title=course.title,
        url=settings.SITE_URL + course.get_absolute_url(),
    )


def course_claims(course: Course, *, waiting: bool | None = None) -> list[PlaceClaim]:
    """The claims of everyone with a place and, or only, waiting (not cancelled)."""
    if not course.offering_id:
        return []
    statuses: tuple = (PlaceClaim.Status.CONFIRMED, PlaceClaim.Status.OFFERED)
    if waiting is None:
        statuses += (PlaceClaim.Status.WAITING,)
    elif waiting:
        statuses = (PlaceClaim.Status.WAITING,)
    return list(
        PlaceClaim.objects.filter(offering_id=course.offering_id, status__in=statuses)
        .select_related("user", "user__notification_preference")
        .order_by("pk")
    )


def session_moved(session: CourseSession, *, old_start: Any) -> int:
    """A session has a new time: every student with a place or waiting is told once."""
    return notices.notice_moved(
        occasion=occasion(session.course),
        addressees=notices.addressees_from_claims(course_claims(session.course)),
        old_start=old_start,
        new_start=session.starts_at,
        new_end=session.ends_at,
        place=session.place_name,
    )


def register_message_audience() -> None:
    """Staff can write to everyone with a place in a course, or to its waiting list."""
    from django.utils.translation import gettext_lazy as _

    from huis.core.registry import MessageAudience
    from huis.core.registry import register_message_audience as register

    from .selectors import courses_to_manage

    register(
        MessageAudience(
            name="herstelacademie-course",
            label=_("Course"),
            objects=lambda user: courses_to_manage(user=user),
            occasion=occasion,
            addressees=lambda course, waiting: notices.addressees_from_claims(
                course_claims(course, waiting=waiting)
            ),
            back_url=lambda course: reverse(
                "herstelacademie:course_update", kwargs={"pk": course.pk}
            ),
        )
    )


def session_removed(session: CourseSession) -> None:
    notification_cancel(key_prefix=reminder_prefix(session))


def evaluation_moved(course: Course, enrollments: list[Enrollment]) -> None:
    for enrollment in enrollments:
        notification_cancel(key_prefix=evaluation_prefix(enrollment))
        schedule_evaluation(enrollment, course)


def enrolled(enrollment: Enrollment, course: Course) -> None:
    key = f"herstelacademie:enrolled:{enrollment.pk}:{enrollment.claim_id}"
    _send(enrollment, course, KIND_ENROLLED, key)
    schedule_course_messages(enrollment, course)


def waiting(enrollment: Enrollment, course: Course) -> None:
    _send(enrollment, course, KIND_WAITING, f"herstelacademie:waiting:{enrollment.pk}")


def intake_pending(enrollment: Enrollment, course: Course) -> None:
    _send(enrollment, course, KIND_INTAKE, f"herstelacademie:intake:{enrollment.pk}")


def intake_declined(enrollment: Enrollment, course: Course) -> None:
    _send(enrollment, course, KIND_DECLINED, f"herstelacademie:declined:{enrollment.pk}")


def course_cancelled(
    course: Course, enrollments: list[Enrollment], claims: list[PlaceClaim]
) -> int:
    """The course does not take place: reminders and the evaluation go; everyone with a place,
    waiting, or waiting for their intake talk is told once through the core's change notices.
    Returns how many were told."""
    concerned = notices.addressees_from_claims(claims)
    for enrollment in enrollments:
        cancel_course_messages(enrollment, course)
        if enrollment.claim_id is None and enrollment.user is not None:  # intake not yet done
            concerned.append(
                notices.Addressee(ref=f"enrollment:{enrollment.pk}", name="", user=enrollment.user)
            )
    return notices.notice_cancelled(
        occasion=occasion(course), addressees=concerned, starts_at=course.first_session_at
    )


def intake_requested(enrollment: Enrollment, course: Course) -> None:
    """Tell the course's trainers that a student waits for an intake talk (no name in the
    message: they read it on the course page)."""
    url = settings.SITE_URL + reverse("herstelacademie:teach_course", kwargs={"pk": course.pk})
    for trainer in course.trainers.select_related("user"):
        user = trainer.user
        notification_schedule(
            key=f"herstelacademie:intake-request:{enrollment.pk}:{user.pk}",
            kind=KIND_INTAKE_REQUEST,
            context={"name": user.display_name, "title": course.title, "teach_url": url},
            recipient=user,
        )
