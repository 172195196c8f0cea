"""The pages as people use them: the catalogue and its filters, a course page, enrolling,
mijn leertraject and the learning companion, trainers taking attendance, PDFs, evaluations."""

import io
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from herstelacademie import services
from herstelacademie.models import Attendance, Course, Enrollment, LearningEntry
from huis.audit.models import AuditEntry
from tests.factories import RoomFactory
from tests.pdfcheck import assert_tagged_pdf

from .factories import ThemeFactory, make_course, pass_time

pytestmark = pytest.mark.django_db


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_catalogue_filters_by_term_theme_format_places_and_search(client, expert, staff):
    theme = ThemeFactory(name="Zelfzorg", slug="zelfzorg")
    calm = make_course(
        title="Rust in je hoofd", themes=[theme], experts=[expert], professionals=[staff]
    )
    full = make_course(
        title="Samen sterk",
        format="workshop",
        max_students=1,
        experts=[expert],
        professionals=[staff],
    )
    services.enrollment_create(course=full, user=staff)
    draft = make_course(title="Geheim ontwerp", publish=False, experts=[expert])
    url = reverse("herstelacademie:home")

    html = client.get(url).text
    assert calm.title in html and full.title in html and draft.title not in html
    assert calm.title not in client.get(url, {"vorm": "workshop"}).text
    assert full.title not in client.get(url, {"thema": "zelfzorg"}).text
    assert full.title not in client.get(url, {"places_left": "on"}).text
    assert calm.title in client.get(url, {"places_left": "on"}).text
    searched = client.get(url, {"q": "hoofd"}).text
    assert calm.title in searched and full.title not in searched
    assert calm.title in client.get(url, {"periode": calm.term.slug}).text
    assert client.get(url, {"periode": "bestaat-niet"}).status_code == 200


def test_course_page_shows_sessions_trainers_roles_and_schema_org(client, course, expert, staff):
    response = client.get(course.get_absolute_url())
    html = response.text
    assert expert.display_name in html and staff.display_name in html
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    data = json.loads(match.group(1))
    assert data["@type"] == "Course"
    assert data["name"] == course.title
    assert len(data["hasCourseInstance"]) == 3


def test_enrolling_through_the_page_with_a_note(client, course, visitor):
    client.force_login(visitor)
    response = client.post(
        reverse("herstelacademie:enrol", args=[course.pk, course.slug]),
        {"hope_note": "Beter slapen"},
    )
    assert response.status_code == 302
    enrollment = Enrollment.objects.get(user=visitor)
    assert enrollment.hope_note == "Beter slapen" and enrollment.state == "confirmed"
    plan = client.get(reverse("herstelacademie:plan")).text
    assert course.title in plan
    again = client.post(reverse("herstelacademie:enrol", args=[course.pk, course.slug]), {})
    assert again.status_code == 400
    assert Enrollment.objects.filter(user=visitor).count() == 1


def test_a_note_that_is_too_long_is_refused_and_kept(client, course, visitor):
    client.force_login(visitor)
    response = client.post(
        reverse("herstelacademie:enrol", args=[course.pk, course.slug]), {"hope_note": "x" * 501}
    )
    assert response.status_code == 400
    assert "x" * 501 in response.text
    assert not Enrollment.objects.exists()


def test_learning_companion_sees_only_what_the_student_shares(client, course, visitor, expert):
    services.enrollment_create(course=course, user=visitor)
    plan = services.plan_for(user=visitor)
    services.entry_save(plan=plan, kind="goal", text="Gedeeld doel", is_shared=True, actor=visitor)
    services.entry_save(
        plan=plan, kind="note", text="Geheime notitie", is_shared=False, actor=visitor
    )
    services.companion_set(plan=plan, companion=expert, share_courses=False, actor=visitor)

    client.force_login(visitor)
    own = client.get(reverse("herstelacademie:plan")).text
    assert "Gedeeld doel" in own and "Geheime notitie" in own

    client.force_login(expert)
    assert visitor.display_name in client.get(reverse("herstelacademie:companion_list")).text
    shared = client.get(reverse("herstelacademie:companion_plan", args=[plan.pk])).text
    assert "Gedeeld doel" in shared
    assert "Geheime notitie" not in shared
    assert course.title not in shared  # courses only when the student allows it
    assert AuditEntry.objects.filter(
        action="herstelacademie.shared_plan_viewed", actor_id=expert.pk, subject_id=visitor.pk
    ).exists()

    services.companion_set(plan=plan, companion=expert, share_courses=True, actor=visitor)
    assert (
        course.title in client.get(reverse("herstelacademie:companion_plan", args=[plan.pk])).text
    )

    services.companion_set(plan=plan, companion=None, share_courses=False, actor=visitor)
    gone = client.get(reverse("herstelacademie:companion_plan", args=[plan.pk]))
    assert gone.status_code == 404


def test_goals_are_written_changed_and_removed_by_the_student(client, visitor):
    client.force_login(visitor)
    client.post(
        reverse("herstelacademie:entry_create"), {"kind": "goal", "text": "Elke dag buiten"}
    )
    entry = LearningEntry.objects.get()
    assert not entry.is_shared
    client.post(
        reverse("herstelacademie:entry_update", args=[entry.pk]),
        {"kind": "goal", "text": "Elke dag buiten", "is_done": "on"},
    )
    entry.refresh_from_db()
    assert entry.is_done
    empty = client.post(reverse("herstelacademie:entry_create"), {"kind": "goal", "text": ""})
    assert empty.status_code == 400
    client.post(reverse("herstelacademie:entry_delete", args=[entry.pk]))
    assert not LearningEntry.objects.exists()


def test_trainer_takes_attendance_on_the_sessions_page(client, expert, staff, visitor):
    course = make_course(experts=[expert], professionals=[staff], session_days=(1, 2))
    enrollment = services.enrollment_create(course=course, user=visitor)
    pass_time(course, days=5)
    session = course.sessions.order_by("starts_at").first()
    client.force_login(expert)
    page = client.get(reverse("herstelacademie:session_attendance", args=[session.pk])).text
    assert visitor.display_name in page
    url = reverse("herstelacademie:attendance_mark", args=[session.pk, enrollment.pk])
    assert client.post(url, {"status": "late"}).status_code == 302
    assert client.post(url, {"status": "present"}).status_code == 302
    assert Attendance.objects.get().status == "present"
    refused = client.post(url, {"status": "asleep"}, follow=True)
    assert "Kies aanwezig, te laat, verontschuldigd of afwezig." in refused.text
    assert Attendance.objects.get().status == "present"


def test_course_form_warns_when_not_co_produced(client, staff, expert):
    from .factories import TermFactory

    term = TermFactory()
    client.force_login(staff)
    response = client.post(
        reverse("herstelacademie:course_create"),
        {
            "term": term.pk,
            "title": "Alleen professionals",
            "summary": "Kort.",
            "learning_goals": "Iets leren.",
            "format": "series",
            "max_students": 8,
            "certificate_share": 75,
            "professional_trainers": [staff.pk],
        },
        follow=True,
    )
    assert response.status_code == 200
    with translation.override("nl"):
        warning = translation.gettext(
            "This course has no expert by experience among its trainers. Co-production needs one."
        )
    assert warning in response.text
    assert "alert-warning" in response.text
    course = Course.objects.get(title="Alleen professionals")
    form_page = client.get(reverse("herstelacademie:course_update", args=[course.pk])).text
    assert warning in form_page  # the form itself warns while the course is one-sided


def test_session_form_names_the_clashing_booking(client, staff, expert):
    room = RoomFactory(name="Atelier")
    make_course(title="Schrijven over herstel", room=room, experts=[expert], professionals=[staff])
    other = make_course(title="Tekenen", session_days=(), publish=False, experts=[expert])
    from .factories import at

    client.force_login(staff)
    start = at(7, 15)
    response = client.post(
        reverse("herstelacademie:session_create", args=[other.pk]),
        {"date": start.date().isoformat(), "starts": "15:00", "ends": "17:00", "room": room.pk},
    )
    assert response.status_code == 400
    assert "Schrijven over herstel" in response.text
    assert not other.sessions.exists()


def test_programme_pdf_lists_the_terms_courses(client, course):
    response = client.get(reverse("herstelacademie:programme_pdf", args=[course.term.slug]))
    assert_tagged_pdf(response.content)
    text = _pdf_text(response)
    assert course.title in text
    assert course.term.name in text


def test_certificate_pdf_names_the_student_and_course_and_is_refused_when_not_earned(
    client, expert, staff, visitor, visitor_b
):
    course = make_course(experts=[expert], professionals=[staff], session_days=(1, 2))
    good = services.enrollment_create(course=course, user=visitor)
    poor = services.enrollment_create(course=course, user=visitor_b)
    pass_time(course, days=5)
    good.refresh_from_db()
    poor.refresh_from_db()
    for session in course.sessions.all():
        services.attendance_record(session=session, enrollment=good, status="present", actor=staff)
        services.attendance_record(session=session, enrollment=poor, status="absent", actor=staff)
    client.force_login(visitor)
    text = _pdf_text(client.get(reverse("herstelacademie:certificate", args=[good.pk])))
    assert visitor.display_name in text and course.title in text
    client.force_login(visitor_b)
    assert client.get(reverse("herstelacademie:certificate", args=[poor.pk])).status_code == 403


def test_evaluation_results_show_averages_and_comments(client, expert, staff, visitor, visitor_b):
    course = make_course(experts=[expert], professionals=[staff], session_days=(1,))
    a = services.enrollment_create(course=course, user=visitor)
    b = services.enrollment_create(course=course, user=visitor_b)
    pass_time(course, days=3)
    client.force_login(visitor)
    response = client.post(
        reverse("herstelacademie:evaluation", args=[a.pk]),
        {"overall": 5, "useful": 4, "trainers": 5, "comment": "Warm onthaal", "anonymous": "on"},
    )
    assert response.status_code == 302
    services.evaluation_submit(
        enrollment=b, overall=3, useful=2, trainers=4, comment="", anonymous=False, actor=visitor_b
    )
    client.force_login(expert)
    html = client.get(reverse("herstelacademie:evaluation_results", args=[course.pk])).text
    assert "Warm onthaal" in html
    assert "4,0" in html or "4.0" in html  # overall average of 5 and 3
    assert visitor.display_name not in html


def test_trainer_decides_on_an_intake_from_the_course_page(client, expert, staff, visitor):
    course = make_course(experts=[expert], professionals=[staff], requires_intake=True)
    enrollment = services.enrollment_create(course=course, user=visitor, hope_note="Meer rust")
    client.force_login(expert)
    page = client.get(reverse("herstelacademie:teach_course", args=[course.pk])).text
    assert "Meer rust" in page
    client.post(reverse("herstelacademie:intake_approve", args=[enrollment.pk]), {"note": ""})
    enrollment.refresh_from_db()
    assert enrollment.state == "confirmed"
