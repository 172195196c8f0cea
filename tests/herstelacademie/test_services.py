"""The rules of the Recovery College, through its services: enrolment and the shared waiting
list, intake, attendance and the certificate rule, reminders, evaluation."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from herstelacademie import services
from herstelacademie.models import Attendance, CourseSession, Enrollment, EvaluationResponse
from herstelacademie.progress import earns_certificate, progress
from huis.notifications.models import Notification
from huis.places.models import PlaceClaim
from huis.rooms.services import booking_set
from tests.factories import RoomFactory

from .factories import TermFactory, at, make_course, pass_time

pytestmark = pytest.mark.django_db


def _pending(prefix: str) -> list[Notification]:
    return list(
        Notification.objects.filter(key__startswith=prefix, status=Notification.Status.PENDING)
    )


def test_enrolling_gives_a_place_a_reminder_per_session_and_the_evaluation(course, visitor):
    enrollment = services.enrollment_create(course=course, user=visitor, hope_note="Rust vinden")
    assert enrollment.state == "confirmed"
    assert enrollment.claim.offering_id == course.offering_id
    course.offering.refresh_from_db()
    assert course.offering.taken == 1
    kinds = set(Notification.objects.filter(recipient=visitor).values_list("kind", flat=True))
    assert "herstelacademie_enrolled" in kinds
    reminders = Notification.objects.filter(kind="herstelacademie_reminder", recipient=visitor)
    assert reminders.count() == 3
    sessions = list(course.sessions.order_by("starts_at"))
    assert sorted(r.due_at for r in reminders) == [
        s.starts_at - dt.timedelta(hours=24) for s in sessions
    ]
    evaluation = Notification.objects.get(kind="herstelacademie_evaluation", recipient=visitor)
    assert evaluation.due_at == course.last_session_ends_at


def test_a_student_cannot_enrol_twice(course, visitor):
    services.enrollment_create(course=course, user=visitor)
    with pytest.raises(services.CourseError):
        services.enrollment_create(course=course, user=visitor)
    assert Enrollment.objects.filter(course=course, user=visitor).count() == 1


def test_enrolment_respects_the_terms_enrolment_period(expert, staff, visitor):
    closed = TermFactory(
        enrolment_opens_at=timezone.now() - dt.timedelta(days=20),
        enrolment_closes_at=timezone.now() - dt.timedelta(days=1),
    )
    course = make_course(term=closed, experts=[expert], professionals=[staff])
    with translation.override("en"), pytest.raises(services.CourseError, match="closed"):
        services.enrollment_create(course=course, user=visitor)


def test_a_draft_course_takes_no_enrolments(expert, staff, visitor):
    course = make_course(experts=[expert], professionals=[staff], publish=False)
    with pytest.raises(services.CourseError):
        services.enrollment_create(course=course, user=visitor)


def test_full_course_waitlist_and_promotion_through_huis_places(expert, staff, visitor, visitor_b):
    course = make_course(experts=[expert], professionals=[staff], max_students=1)
    first = services.enrollment_create(course=course, user=visitor)
    second = services.enrollment_create(course=course, user=visitor_b)
    assert (first.state, second.state) == ("confirmed", "waiting")
    assert Notification.objects.filter(kind="herstelacademie_waiting", recipient=visitor_b).exists()

    services.enrollment_cancel(enrollment=first, actor=visitor)

    second.refresh_from_db()
    assert second.claim.status == PlaceClaim.Status.CONFIRMED
    assert Notification.objects.filter(
        kind="herstelacademie_enrolled", recipient=visitor_b
    ).exists()
    assert len(_pending("herstelacademie:reminder:")) == 3  # only visitor_b's now
    assert all(n.recipient_id == visitor_b.pk for n in _pending("herstelacademie:reminder:"))
    assert not _pending(f"herstelacademie:evaluation:{first.pk}")


def test_intake_waits_for_a_trainer_and_the_student_is_told_either_way(
    expert, staff, visitor, visitor_b
):
    course = make_course(experts=[expert], professionals=[staff], requires_intake=True)
    a = services.enrollment_create(course=course, user=visitor)
    b = services.enrollment_create(course=course, user=visitor_b)
    assert a.state == "intake" and a.claim is None
    course.offering.refresh_from_db()
    assert course.offering.taken == 0
    assert Notification.objects.filter(kind="herstelacademie_intake", recipient=visitor).exists()
    told = Notification.objects.filter(kind="herstelacademie_intake_request")
    assert {n.recipient_id for n in told} == {expert.pk, staff.pk}

    services.intake_approve(enrollment=a, actor=expert, note="Tot dinsdag!")
    services.intake_decline(enrollment=b, actor=expert, note="Misschien later eens.")

    a.refresh_from_db()
    b.refresh_from_db()
    assert a.state == "confirmed"
    assert b.state == "declined" and b.claim is None
    assert Notification.objects.filter(kind="herstelacademie_enrolled", recipient=visitor).exists()
    declined = Notification.objects.get(kind="herstelacademie_intake_declined", recipient=visitor_b)
    assert declined.context["intake_note"] == "Misschien later eens."
    with pytest.raises(services.CourseError):
        services.intake_approve(enrollment=b, actor=expert)


def test_coproduction_warning_names_what_is_missing(expert, staff):
    only_staff = make_course(professionals=[staff], publish=False)
    with translation.override("en"):
        assert "expert by experience" in services.coproduction_warning(course=only_staff)
    both = make_course(experts=[expert], professionals=[staff], publish=False)
    assert services.coproduction_warning(course=both) == ""


def test_only_experts_by_experience_may_be_expert_trainers(visitor, staff):
    with pytest.raises(services.CourseError):
        make_course(experts=[visitor], professionals=[staff], publish=False)


def test_a_session_cannot_take_a_room_booked_by_another_session_or_activity(expert, staff):
    room = RoomFactory(name="Leslokaal 1")
    make_course(title="Stemmen horen", experts=[expert], professionals=[staff], room=room)
    other = make_course(title="Veerkracht", experts=[expert], professionals=[staff], publish=False)
    with pytest.raises(services.CourseError, match="Stemmen horen"):
        services.session_save(
            course=other, starts_at=at(7, 15), ends_at=at(7, 17), room=room, actor=staff
        )
    # Any other holder of a booking, such as an activity of the agenda, is in the way too.
    holder = RoomFactory()  # any saved model can hold a booking
    booking_set(holder=holder, room=room, start=at(30, 10), end=at(30, 12), label="Schilderatelier")
    with pytest.raises(services.CourseError, match="Schilderatelier"):
        services.session_save(
            course=other, starts_at=at(30, 11), ends_at=at(30, 13), room=room, actor=staff
        )
    assert other.sessions.count() == 3


def test_moving_a_session_moves_its_reminders(course, visitor):
    services.enrollment_create(course=course, user=visitor)
    session = course.sessions.order_by("starts_at").first()
    services.session_save(
        course=course,
        session=session,
        starts_at=at(8, 10),
        ends_at=at(8, 12),
        room=session.room,
        actor=None,
    )
    pending = _pending(f"herstelacademie:reminder:{session.pk}:")
    assert [n.due_at for n in pending] == [at(8, 10) - dt.timedelta(hours=24)]
    assert (
        Notification.objects.filter(
            key__startswith=f"herstelacademie:reminder:{session.pk}:",
            status=Notification.Status.CANCELLED,
        ).count()
        == 1
    )


def test_reminder_across_the_change_to_winter_time_is_24_hours_before(expert, staff, visitor):
    # On Sunday 31 October 2027 the clocks go back an hour at 03:00. A session that afternoon
    # gets its reminder 24 real hours before: at 15:00 summer time on the Saturday.
    term = TermFactory(
        enrolment_opens_at=timezone.now() - dt.timedelta(days=1),
        enrolment_closes_at=timezone.now() + dt.timedelta(days=3650),
    )
    course = make_course(
        term=term, experts=[expert], professionals=[staff], session_days=(), publish=False
    )
    start = timezone.make_aware(dt.datetime(2027, 10, 31, 14, 0))  # the Sunday after the change
    services.session_save(
        course=course,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        room=RoomFactory(),
        actor=None,
    )
    services.course_publish(course=course, actor=None)
    services.enrollment_create(course=course, user=visitor)
    reminder = Notification.objects.get(kind="herstelacademie_reminder")
    assert start - reminder.due_at == dt.timedelta(hours=24)
    assert timezone.localtime(reminder.due_at).hour == 15  # summer time the day before


def test_sessions_before_enrolling_never_count_as_absences(expert, staff, visitor, visitor_b):
    course = make_course(experts=[expert], professionals=[staff], session_days=(1, 8, 15, 22))
    early = services.enrollment_create(course=course, user=visitor)
    pass_time(course, days=10)  # two sessions are held now
    early.refresh_from_db()
    late = services.enrollment_create(course=course, user=visitor_b)  # joins after two sessions
    sessions = list(course.sessions.order_by("starts_at"))
    for session in sessions[:2]:
        services.attendance_record(session=session, enrollment=early, status="present", actor=staff)
        with pytest.raises(services.CourseError):
            services.attendance_record(
                session=session, enrollment=late, status="present", actor=staff
            )
    pass_time(course, days=30)  # the course is over
    early.refresh_from_db()
    late.refresh_from_db()
    sessions = list(course.sessions.order_by("starts_at"))
    for session in sessions[2:]:
        services.attendance_record(session=session, enrollment=early, status="absent", actor=staff)
        services.attendance_record(session=session, enrollment=late, status="present", actor=staff)

    def result(enrollment):
        attendances = list(Attendance.objects.filter(enrollment=enrollment))
        return progress(enrollment=enrollment, sessions=sessions, attendances=attendances)

    late_result = result(late)
    assert (late_result.counted, late_result.attended, late_result.absent) == (2, 2, 0)
    assert earns_certificate(course=course, enrollment=late, result=late_result)
    early_result = result(early)
    assert (early_result.counted, early_result.attended) == (4, 2)
    assert not earns_certificate(course=course, enrollment=early, result=early_result)


@pytest.mark.parametrize(
    ("share", "marks", "earned"),
    [
        (75, ["present", "late", "present", "absent"], True),
        (75, ["present", "excused", "absent", "present"], False),
        (50, ["present", "excused", "absent", "present"], True),
        (100, ["present", "present", "present", "late"], True),
        (100, ["present", "present", "present", "excused"], False),
    ],
)
def test_certificate_share_is_configurable(expert, staff, visitor, share, marks, earned):
    course = make_course(
        experts=[expert], professionals=[staff], session_days=(1, 2, 3, 4), certificate_share=share
    )
    enrollment = services.enrollment_create(course=course, user=visitor)
    pass_time(course, days=10)
    enrollment.refresh_from_db()
    sessions = list(course.sessions.order_by("starts_at"))
    for session, mark in zip(sessions, marks, strict=True):
        services.attendance_record(session=session, enrollment=enrollment, status=mark, actor=staff)
    attendances = list(enrollment.attendances.all())
    result = progress(enrollment=enrollment, sessions=sessions, attendances=attendances)
    assert earns_certificate(course=course, enrollment=enrollment, result=result) is earned


def test_no_certificate_before_the_course_is_over(course, visitor, staff):
    enrollment = services.enrollment_create(course=course, user=visitor)
    pass_time(course, days=8)  # one of three sessions held
    enrollment.refresh_from_db()
    sessions = list(course.sessions.order_by("starts_at"))
    services.attendance_record(
        session=sessions[0], enrollment=enrollment, status="present", actor=staff
    )
    result = progress(
        enrollment=enrollment, sessions=sessions, attendances=enrollment.attendances.all()
    )
    assert result.percent == 100
    assert not earns_certificate(course=course, enrollment=enrollment, result=result)


def test_attendance_cannot_be_taken_long_before_the_session(course, visitor, staff):
    enrollment = services.enrollment_create(course=course, user=visitor)
    session = course.sessions.first()
    with pytest.raises(services.CourseError):
        services.attendance_record(
            session=session, enrollment=enrollment, status="present", actor=staff
        )
    assert not Attendance.objects.exists()


def test_evaluation_after_the_last_session_anonymous_and_only_once(course, visitor, visitor_b):
    a = services.enrollment_create(course=course, user=visitor)
    b = services.enrollment_create(course=course, user=visitor_b)
    with pytest.raises(services.CourseError):
        services.evaluation_submit(
            enrollment=a, overall=5, useful=4, trainers=5, comment="", anonymous=True, actor=visitor
        )
    pass_time(course, days=30)
    services.evaluation_submit(
        enrollment=a,
        overall=5,
        useful=4,
        trainers=5,
        comment="Fijn!",
        anonymous=True,
        actor=visitor,
    )
    services.evaluation_submit(
        enrollment=b, overall=3, useful=2, trainers=4, comment="", anonymous=False, actor=visitor_b
    )
    anonymous = EvaluationResponse.objects.get(comment="Fijn!")
    assert anonymous.enrollment is None
    assert EvaluationResponse.objects.get(overall=3).enrollment == b
    with pytest.raises(services.CourseError):
        services.evaluation_submit(
            enrollment=a, overall=1, useful=1, trainers=1, comment="", anonymous=True, actor=visitor
        )
    assert EvaluationResponse.objects.filter(course=course).count() == 2


def test_cancelling_a_course_tells_students_and_frees_the_rooms(course, visitor, staff):
    services.enrollment_create(course=course, user=visitor)
    services.course_cancel(course=course, actor=staff)
    assert Notification.objects.filter(kind="notice_cancelled", recipient=visitor).exists()
    assert not _pending("herstelacademie:reminder:")
    from huis.rooms.models import RoomBooking

    assert not RoomBooking.objects.filter(
        holder_id__in=CourseSession.objects.filter(course=course).values("pk"),
        holder_type__model="coursesession",
    ).exists()


def test_learning_companion_must_be_staff_or_an_expert(visitor, visitor_b, expert):
    plan = services.plan_for(user=visitor)
    with pytest.raises(services.CourseError):
        services.companion_set(plan=plan, companion=visitor_b, share_courses=True, actor=visitor)
    services.companion_set(plan=plan, companion=expert, share_courses=True, actor=visitor)
    plan.refresh_from_db()
    assert plan.companion == expert and plan.share_courses


def test_erasing_an_account_keeps_the_counts_and_drops_the_person(course, visitor, staff):
    from huis.core.registry import personal_data_providers

    enrollment = services.enrollment_create(course=course, user=visitor, hope_note="Rust")
    plan = services.plan_for(user=visitor)
    services.entry_save(
        plan=plan, kind="goal", text="Elke week wandelen", is_shared=False, actor=visitor
    )
    provider = next(p for p in personal_data_providers() if p.name == "herstelacademie")
    exported = provider.export(visitor)
    assert exported["enrolments"][0]["course"] == course.title
    assert exported["enrolments"][0]["hope_note"] == "Rust"
    assert exported["learning_plan"]["entries"][0]["text"] == "Elke week wandelen"
    provider.erase(visitor)
    enrollment.refresh_from_db()
    assert enrollment.user is None and enrollment.hope_note == ""
    assert Enrollment.objects.filter(course=course).count() == 1
    assert not plan.__class__.objects.filter(user=visitor).exists()


def test_retention_clears_notes_of_old_courses_only(course, visitor, visitor_b, expert, staff):
    from huis.core.registry import retention_rules

    old = services.enrollment_create(course=course, user=visitor, hope_note="Oud")
    recent_course = make_course(title="Nieuw", experts=[expert], professionals=[staff])
    recent = services.enrollment_create(course=recent_course, user=visitor_b, hope_note="Nieuw")
    pass_time(course, days=800)
    rule = next(r for r in retention_rules() if r.key == "herstelacademie.enrolment_notes")
    assert rule.purge(cutoff=timezone.now() - dt.timedelta(days=rule.default_days)) == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.hope_note, recent.hope_note) == ("", "Nieuw")


def test_a_student_says_in_advance_they_cannot_come(course, visitor, staff):
    enrollment = services.enrollment_create(course=course, user=visitor)
    session = course.sessions.order_by("starts_at").first()
    services.absence_announce(session=session, enrollment=enrollment, actor=visitor)
    assert Attendance.objects.get().status == "excused"
    assert not _pending(f"herstelacademie:reminder:{session.pk}:")
    services.absence_withdraw(session=session, enrollment=enrollment, actor=visitor)
    assert not Attendance.objects.exists()
    assert len(_pending(f"herstelacademie:reminder:{session.pk}:")) == 1
    with pytest.raises(services.CourseError):
        services.absence_withdraw(session=session, enrollment=enrollment, actor=visitor)
    pass_time(course, days=8)
    enrollment.refresh_from_db()
    session.refresh_from_db()
    with pytest.raises(services.CourseError):  # too late: the trainers take attendance now
        services.absence_announce(session=session, enrollment=enrollment, actor=visitor)


def test_an_enrolment_of_a_finished_course_stays(course, visitor):
    enrollment = services.enrollment_create(course=course, user=visitor)
    pass_time(course, days=30)
    with pytest.raises(services.CourseError):
        services.enrollment_cancel(enrollment=enrollment, actor=visitor)
    enrollment.refresh_from_db()
    assert enrollment.cancelled_at is None and enrollment.has_place
