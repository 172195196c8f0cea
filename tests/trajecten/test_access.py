"""Every page of trajecten, for every role: 200/302, login, 403 or 404.

Partner A prepares the applications and leads the trajectory; partner B sits in the committee's
meeting; the house's staff member is an outsider here (404 for every object); coordinators run the
committee and read everything that was shared with it, but do not change another organisation's
application or trajectory (403). Administrators are superusers. The last tests list every URL
pattern of the app and fail when one has no row here.
"""

import pytest
from django.urls import get_resolver, reverse

from tests.conftest import ROLE_FIXTURES
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)
from tests.matrix import module_scoped

from . import conftest
from .factories import ApplicationFactory, HousingStepFactory, MeetingFactory, decide, schedule

programme = module_scoped(conftest.programme)
committee = module_scoped(conftest.committee)
meeting = module_scoped(conftest.meeting)
application_a = module_scoped(conftest.application_a)
scheduled = module_scoped(conftest.scheduled)
trajectory_a = module_scoped(conftest.trajectory_a)

pytestmark = pytest.mark.django_db

LOGIN = "login"
WORKERS = {"partner_a", "partner_b", "staff", "coordinator", "administrator"}
COORDINATORS = {"coordinator", "administrator"}


def _workers(role, *, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in WORKERS else 403


def _coordinators(role, *, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in COORDINATORS else 403


def _committee_pages(role):
    """The committee's list: coordinators and anyone sitting in a committee (partner B)."""
    if role == "anonymous":
        return LOGIN
    return 200 if role in COORDINATORS | {"partner_b"} else 403


def _own_draft(role, *, ok=200):
    """A draft is not shared yet: only organisation A (and the superuser) know it exists."""
    if role == "anonymous":
        return LOGIN
    return ok if role in {"partner_a", "administrator"} else 404


def _shared_application(role):
    """On the agenda: organisation A, the committee of that meeting, coordinators."""
    if role == "anonymous":
        return LOGIN
    return 200 if role in {"partner_a", "partner_b"} | COORDINATORS else 404


def _meeting(role, *, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in {"partner_b"} | COORDINATORS else 404


def _meeting_manage(role):
    if role == "anonymous":
        return LOGIN
    if role in COORDINATORS:
        return 400  # past the access check; the empty POST is refused with the reason
    return 403 if role == "partner_b" else 404


def _start(role):
    """Starting the trajectory: organisation A or a coordinator. (A committee member who saw the
    decision gets 403: see test_workflow; here the decision was taken in a meeting B is not in.)"""
    if role == "anonymous":
        return LOGIN
    return 200 if role in {"partner_a"} | COORDINATORS else 404


def _trajectory(role):
    if role == "anonymous":
        return LOGIN
    return 200 if role in {"partner_a"} | COORDINATORS else 404


def _trajectory_change(role, *, ok=400):
    """A change to a trajectory: the empty POST the matrix sends gets past the access check and
    is refused by the form or service, with the reason (400)."""
    if role == "anonymous":
        return LOGIN
    if role in {"partner_a", "administrator"}:
        return ok
    return 403 if role == "coordinator" else 404


# url name -> (method, object key, expected(role))
MATRIX = {
    "trajecten:home": ("get", None, _workers),
    "trajecten:programme_detail": ("get", "programme", _workers),
    "trajecten:application_list": ("get", None, _workers),
    "trajecten:application_create": ("get", None, _workers),
    "trajecten:application_detail": ("get", "scheduled", _shared_application),
    "trajecten:application_update": ("get", "draft", _own_draft),
    "trajecten:housing_step_add": ("post", "draft", lambda r: _own_draft(r, ok=400)),
    "trajecten:housing_step_remove": ("post", "step", lambda r: _own_draft(r, ok=302)),
    "trajecten:application_submit": ("post", "draft", lambda r: _own_draft(r, ok=302)),
    "trajecten:application_withdraw": ("post", "draft", lambda r: _own_draft(r, ok=302)),
    "trajecten:trajectory_start": ("get", "admitted", _start),
    "trajecten:meeting_list": ("get", None, _committee_pages),
    "trajecten:meeting_create": ("get", None, _coordinators),
    "trajecten:meeting_detail": ("get", "meeting", _meeting),
    "trajecten:meeting_schedule": ("post", "meeting", _meeting_manage),
    "trajecten:decision_record": ("get", "item", _meeting),
    "trajecten:trajectory_list": ("get", None, _workers),
    "trajecten:trajectory_detail": ("get", "trajectory", _trajectory),
    "trajecten:goal_add": ("post", "trajectory", _trajectory_change),
    "trajecten:goal_status": ("post", "goal", _trajectory_change),
    "trajecten:contact_add": ("post", "trajectory", _trajectory_change),
    "trajecten:evaluation_plan": ("post", "trajectory", _trajectory_change),
    "trajecten:evaluation_record": ("post", "evaluation", _trajectory_change),
    "trajecten:trajectory_housed": ("post", "trajectory", _trajectory_change),
    "trajecten:housing_check": ("post", "trajectory", _trajectory_change),
    "trajecten:trajectory_end": ("get", "trajectory", lambda r: _trajectory_change(r, ok=200)),
    "trajecten:results": ("get", None, _coordinators),
    "trajecten:results_export": ("get", None, _coordinators),
}


@pytest.fixture(scope="module")
def objects(programme, application_a, scheduled, meeting, trajectory_a, organisation_a, partner_a):
    """URL kwargs per object key. application_a is on the agenda (`scheduled`); the draft is
    another application of organisation A."""
    draft = ApplicationFactory(programme=programme, organisation=organisation_a)
    step = HousingStepFactory(application=draft)
    admitted = ApplicationFactory(programme=programme, organisation=organisation_a)
    decide(schedule(admitted, MeetingFactory(committee=meeting.committee, members=[])), "admitted")
    goal = trajectory_a.goals.create(domain="housing", text="Een eigen huis", written_with="mama")
    evaluation = trajectory_a.evaluations.create(planned_on=trajectory_a.started_on)
    return {
        "programme": {"slug": programme.slug},
        "draft": {"pk": draft.pk},
        "step": {"pk": draft.pk, "step": step.pk},
        "scheduled": {"pk": scheduled.application.pk},
        "admitted": {"pk": admitted.pk},
        "meeting": {"pk": meeting.pk},
        "item": {"pk": scheduled.pk},
        "trajectory": {"pk": trajectory_a.pk},
        "goal": {"pk": trajectory_a.pk, "goal": goal.pk},
        "evaluation": {"pk": trajectory_a.pk, "evaluation": evaluation.pk},
    }


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, expected = MATRIX[url_name]
    url = reverse(url_name, kwargs=objects[key] if key else {})
    client = as_role(role)
    response = getattr(client, method)(url)
    want = expected(role)
    if want == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == want, (url_name, role)


def test_every_url_of_the_app_has_an_access_test():
    resolver = get_resolver().namespace_dict["trajecten"][1]
    names = {f"trajecten:{p.name}" for p in resolver.url_patterns if getattr(p, "name", None)}
    assert names == set(MATRIX)


def test_dashboard_and_navigation_lead_to_the_pages(as_role, committee):
    html = as_role("coordinator").get(reverse("core:dashboard")).text
    for name in ["home", "meeting_list", "results"]:
        assert reverse(f"trajecten:{name}") in html
    start = as_role("coordinator").get(reverse("trajecten:home")).text
    for name in ["application_list", "meeting_list", "trajectory_list", "results"]:
        assert reverse(f"trajecten:{name}") in start


def test_a_partner_reaches_the_app_from_the_main_navigation(as_role):
    html = as_role("partner_a").get(reverse("core:home")).text
    assert reverse("trajecten:home") in html
    start = as_role("partner_a").get(reverse("trajecten:home")).text
    assert reverse("trajecten:results") not in start
    assert reverse("trajecten:meeting_list") not in start


def test_a_programme_answers_by_role_first_then_by_slug(as_role, programme):
    """Reading programmes is a role: without it, 403 whatever the slug; a worker gets 404 for a
    programme that is not there."""
    missing = reverse("trajecten:programme_detail", kwargs={"slug": "bestaat-niet"})
    assert as_role("visitor").get(missing).status_code == 403
    assert as_role("partner_a").get(missing).status_code == 404
    found = reverse("trajecten:programme_detail", kwargs={"slug": programme.slug})
    assert as_role("partner_a").get(found).status_code == 200
