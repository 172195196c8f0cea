"""Every page of the Recovery College, for every role: 200/302, login, 403 or 404.

The last test lists every URL pattern of the app and fails when one has no row here.
"""

import datetime as dt

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from herstelacademie import services
from herstelacademie.models import Enrollment
from huis.accounts.roles import Role
from huis.places.services import claim_make_token
from ontmoeting.services import registration_create
from tests.conftest import ROLE_FIXTURES
from tests.factories import ActivityFactory, UserFactory
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)

from .factories import make_course, pass_time

pytestmark = pytest.mark.django_db

LOGIN = "login"
HOUSE = {"staff", "coordinator", "administrator"}


def _public(role):
    return 200


def _logged_in(role, ok=200):
    return LOGIN if role == "anonymous" else ok


def _owner(role, ok=200):
    # The student's own records: nobody else may learn they exist, administrators neither.
    if role == "anonymous":
        return LOGIN
    return ok if role == "visitor" else 404


def _companion(role):
    if role == "anonymous":
        return LOGIN
    return 200 if role == "expert" else 404


def _teach(role, ok=200):
    # The course's trainers (the expert here) and the house's people.
    if role == "anonymous":
        return LOGIN
    return ok if role in HOUSE | {"expert"} else 403


def _evaluations(role):
    # Trainers of the course and coordinators; other staff may see the course, not the answers.
    if role == "anonymous":
        return LOGIN
    if role in {"expert", "coordinator", "administrator"}:
        return 200
    return 403


def _house(role, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in HOUSE else 403


# url name -> (method, object key, expected(role))
MATRIX = {
    "herstelacademie:home": ("get", None, _public),
    "herstelacademie:course": ("get", "course", _public),
    "herstelacademie:enrol": ("post", "open_course", lambda r: _logged_in(r, 302)),
    "herstelacademie:programme": ("get", "term", _public),
    "herstelacademie:programme_pdf": ("get", "term", _public),
    "herstelacademie:plan": ("get", None, _logged_in),
    "herstelacademie:entry_create": ("post", None, lambda r: _logged_in(r, 302)),
    "herstelacademie:entry_update": ("get", "entry", _owner),
    "herstelacademie:entry_delete": ("post", "entry", lambda r: _owner(r, 302)),
    "herstelacademie:companion": ("get", None, _logged_in),
    "herstelacademie:enrollment_cancel": ("post", "enrollment", lambda r: _owner(r, 302)),
    "herstelacademie:absence_announce": ("post", "absence", lambda r: _owner(r, 302)),
    "herstelacademie:absence_withdraw": ("post", "announced", lambda r: _owner(r, 302)),
    "herstelacademie:certificate": ("get", "done_enrollment", _owner),
    "herstelacademie:evaluation": ("get", "done_enrollment", _owner),
    "herstelacademie:companion_list": ("get", None, _logged_in),
    "herstelacademie:companion_plan": ("get", "plan", _companion),
    "herstelacademie:teach": ("get", None, _teach),
    "herstelacademie:teach_course": ("get", "course", _teach),
    "herstelacademie:evaluation_results": ("get", "course", _evaluations),
    "herstelacademie:session_attendance": ("get", "session", _teach),
    "herstelacademie:attendance_mark": ("post", "mark", lambda r: _teach(r, 302)),
    "herstelacademie:intake_approve": ("post", "intake", lambda r: _teach(r, 302)),
    "herstelacademie:intake_decline": ("post", "intake", lambda r: _teach(r, 302)),
    "herstelacademie:staff_list": ("get", None, _house),
    "herstelacademie:enrolment_import": ("get", None, _house),
    "herstelacademie:enrolment_import_template": ("get", None, _house),
    # Without a signed preview: refused with the reason, for those who may import.
    "herstelacademie:enrolment_import_confirm": ("post", None, lambda r: _house(r, 400)),
    "herstelacademie:term_create": ("get", None, _house),
    "herstelacademie:term_update": ("get", "term_pk", _house),
    "herstelacademie:course_create": ("get", None, _house),
    "herstelacademie:course_update": ("get", "course_pk", _house),
    "herstelacademie:course_publish": ("post", "draft", lambda r: _house(r, 302)),
    "herstelacademie:course_cancel": ("post", "course_pk", lambda r: _house(r, 302)),
    "herstelacademie:session_create": ("get", "course_pk", _house),
    "herstelacademie:session_update": ("get", "session", _house),
    "herstelacademie:session_delete": ("post", "session", lambda r: _house(r, 302)),
    # "Iedereen welkom" (issue #25): a guest's own signed link works for whoever holds it.
    "herstelacademie:enrol_guest": ("get", "open_course", _public),
    "herstelacademie:guest": ("get", "guest", _public),
    "herstelacademie:guest_cancel": ("post", "guest", lambda r: 302),
    "herstelacademie:guest_claim": ("post", "guest", lambda r: _logged_in(r, 302)),
    "herstelacademie:desk_enrol": ("get", "course_pk", _house),
}

# What a POST sends, when the change needs more than the address.
POST_DATA = {
    "herstelacademie:entry_create": {"kind": "goal", "text": "Elke week buiten wandelen"},
    "herstelacademie:attendance_mark": {"status": "present"},
    "herstelacademie:intake_approve": {"note": "Welkom!"},
}


@pytest.fixture(scope="module")
def objects(visitor, visitor_b, expert):
    professional = UserFactory(display_name="Paul", roles=[Role.STAFF])
    trainers = {"experts": [expert], "professionals": [professional]}
    course = make_course(title="Herstel en hoop", **trainers)
    open_course = make_course(title="Veerkracht", session_days=(40, 47), **trainers)
    intake_course = make_course(
        title="Stemmen horen", session_days=(50,), requires_intake=True, **trainers
    )
    draft = make_course(title="Nog niet klaar", session_days=(60,), publish=False, **trainers)
    done = make_course(title="Omgaan met stress", session_days=(1, 2), **trainers)

    enrollment = services.enrollment_create(course=course, user=visitor)
    done_enrollment = services.enrollment_create(course=done, user=visitor)
    pass_time(done, days=10)
    done_enrollment.refresh_from_db()
    for session in done.sessions.all():
        services.attendance_record(
            session=session, enrollment=done_enrollment, status="present", actor=expert
        )
    intake = services.enrollment_create(course=intake_course, user=visitor_b)
    plan = services.plan_for(user=visitor)
    services.companion_set(plan=plan, companion=expert, share_courses=True, actor=visitor)
    entry = services.entry_save(plan=plan, kind="goal", text="Rust", is_shared=True, actor=visitor)
    done_session = done.sessions.first()
    first, second = course.sessions.order_by("starts_at")[:2]
    services.absence_announce(session=second, enrollment=enrollment, actor=visitor)
    guest = services.enrollment_create_as_guest(
        course=open_course, name="Gast", email="gast@example.org"
    )
    token = claim_make_token(claim=guest.claim, valid_until=timezone.now() + dt.timedelta(days=9))
    return {
        "guest": {"token": token},
        "absence": {"pk": enrollment.pk, "session": first.pk},
        "announced": {"pk": enrollment.pk, "session": second.pk},
        "course": {"pk": course.pk, "slug": course.slug},
        "course_pk": {"pk": course.pk},
        "open_course": {"pk": open_course.pk, "slug": open_course.slug},
        "draft": {"pk": draft.pk},
        "term": {"slug": course.term.slug},
        "term_pk": {"pk": course.term.pk},
        "session": {"pk": course.sessions.first().pk},
        "mark": {"pk": done_session.pk, "enrollment": done_enrollment.pk},
        "enrollment": {"pk": enrollment.pk},
        "done_enrollment": {"pk": done_enrollment.pk},
        "intake": {"pk": intake.pk},
        "plan": {"pk": plan.pk},
        "entry": {"pk": entry.pk},
    }


def _kwargs(url_name: str, objects: dict, key: str | None) -> dict:
    if key is None:
        return {}
    kwargs = dict(objects[key])
    # Teaching and evaluation pages take the course's id only.
    if url_name in {
        "herstelacademie:teach_course",
        "herstelacademie:evaluation_results",
    }:
        kwargs.pop("slug", None)
    return kwargs


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, expected = MATRIX[url_name]
    url = reverse(url_name, kwargs=_kwargs(url_name, objects, key))
    client = as_role(role)
    if method == "post":
        response = client.post(url, POST_DATA.get(url_name, {}))
    else:
        response = client.get(url)
    want = expected(role)
    if want == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == want, (url_name, role)


def test_every_url_of_the_app_has_an_access_test():
    resolver = get_resolver().namespace_dict["herstelacademie"][1]
    names = {f"herstelacademie:{p.name}" for p in resolver.url_patterns if getattr(p, "name", None)}
    assert names == set(MATRIX)


def test_dashboard_links_for_staff_and_trainers(as_role, client, expert, objects):
    html = as_role("staff").get(reverse("core:dashboard")).text
    assert reverse("herstelacademie:staff_list") in html
    assert reverse("herstelacademie:teach") in html


# Issue #20 item 9: each function fetches only the claims of its own offerings. The addresses
# of the Recovery College take an enrolment's id; an activity sign-up's claim id is not one.
STUDENT_CLAIM_URLS = {
    "herstelacademie:enrollment_cancel": ("post", lambda pk, o: {"pk": pk}),
    "herstelacademie:absence_announce": ("post", lambda pk, o: {"pk": pk, "session": o["s"]}),
    "herstelacademie:absence_withdraw": ("post", lambda pk, o: {"pk": pk, "session": o["s"]}),
    "herstelacademie:certificate": ("get", lambda pk, o: {"pk": pk}),
    "herstelacademie:evaluation": ("get", lambda pk, o: {"pk": pk}),
}
TEACHER_CLAIM_URLS = {
    "herstelacademie:intake_approve": ("post", lambda pk, o: {"pk": pk}),
    "herstelacademie:intake_decline": ("post", lambda pk, o: {"pk": pk}),
    "herstelacademie:attendance_mark": ("post", lambda pk, o: {"pk": o["s"], "enrollment": pk}),
}


@pytest.fixture
def activity_claim(visitor, expert):
    """The visitor's sign-up for an activity, beside an enrolment of their own in a course."""
    course = make_course(experts=[expert], session_days=(3, 10))
    enrollment = services.enrollment_create(course=course, user=visitor)
    claim = registration_create(activity=ActivityFactory(), actor=visitor, user=visitor)
    # Make sure the claim's id is no enrolment's id at all, so only a claim lookup could find it.
    while Enrollment.objects.filter(pk=claim.pk).exists():
        claim = registration_create(activity=ActivityFactory(), actor=visitor, user=visitor)
    return {"claim": claim, "s": course.sessions.first().pk, "enrollment": enrollment}


@pytest.mark.parametrize(
    ("url_name", "role"),
    [(name, "visitor") for name in sorted(STUDENT_CLAIM_URLS)]
    + [(name, role) for name in sorted(TEACHER_CLAIM_URLS) for role in ("expert", "staff")],
)
def test_an_activity_sign_up_is_not_found_at_the_colleges_addresses(
    url_name, role, activity_claim, as_role
):
    claim = activity_claim["claim"]
    method, kwargs = {**STUDENT_CLAIM_URLS, **TEACHER_CLAIM_URLS}[url_name]
    url = reverse(url_name, kwargs=kwargs(claim.pk, activity_claim))
    client = as_role(role)
    data = {"status": "present", "note": ""}
    response = client.post(url, data) if method == "post" else client.get(url)
    assert response.status_code == 404
    claim.refresh_from_db()
    assert claim.status == "confirmed"
    # The College's own enrolment of the same person is untouched as well.
    activity_claim["enrollment"].refresh_from_db()
    assert activity_claim["enrollment"].cancelled_at is None
