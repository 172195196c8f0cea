"""Every page of ervaringsdeskundigen, for every role: 200/302, login, 403 or 404.

The guard test lists every URL pattern of the app and fails when one has no row here. Besides
the matrix: an expert's profile and assignments are seen by coordinators and that expert only.
"""

import datetime as dt

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from ervaringsdeskundigen import services
from ervaringsdeskundigen.models import Absence
from ervaringsdeskundigen.notify import proposal_url
from ervaringsdeskundigen.tokens import request_token
from tests.conftest import ROLE_FIXTURES
from tests.factories import OrganisationFactory
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)

from .factories import AssignmentFactory, ExpertFactory, ExpertRequestFactory, rates, theme

pytestmark = pytest.mark.django_db

LOGIN = "login"
COORDINATORS = {"coordinator", "administrator"}


def public(role, ok=200):
    return ok


def coordinators_only(role, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in COORDINATORS else 403


def expert_only(role, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role == "expert" else 403


def intervision(role):
    if role == "anonymous":
        return LOGIN
    return 200 if role in COORDINATORS | {"expert"} else 403


def post_ok(check):
    return lambda role: check(role, ok=302)


# url name -> (method, object key, expected(role), POST data or None)
MATRIX = {
    "ervaringsdeskundigen:home": ("get", None, public, None),
    "ervaringsdeskundigen:request_create": ("get", None, public, None),
    "ervaringsdeskundigen:follow": ("get", "follow", public, None),
    "ervaringsdeskundigen:evaluation": ("post", "follow", post_ok(public), {"rating": "4"}),
    "ervaringsdeskundigen:proposal": ("get", "proposal", public, None),
    "ervaringsdeskundigen:proposal_accept": ("post", "proposal", post_ok(public), None),
    "ervaringsdeskundigen:proposal_decline": ("post", "proposal", post_ok(public), None),
    "ervaringsdeskundigen:feed": ("get", "feed", public, None),
    "ervaringsdeskundigen:dashboard": ("get", None, expert_only, None),
    "ervaringsdeskundigen:own_profile": ("get", None, expert_only, None),
    "ervaringsdeskundigen:absence_add": (
        "post",
        None,
        post_ok(expert_only),
        {"starts_on": "2030-01-01", "ends_on": "2030-01-05"},
    ),
    "ervaringsdeskundigen:absence_delete": ("post", "absence", post_ok(expert_only), None),
    "ervaringsdeskundigen:feed_renew": ("post", None, post_ok(expert_only), None),
    "ervaringsdeskundigen:elsewhere": (
        "post",
        None,
        post_ok(expert_only),
        {"received_elsewhere": "100.00", "km_elsewhere": "0"},
    ),
    "ervaringsdeskundigen:my_accept": ("post", "own_proposal", post_ok(expert_only), None),
    "ervaringsdeskundigen:my_decline": ("post", "own_proposal", post_ok(expert_only), None),
    "ervaringsdeskundigen:report": ("get", "own_past", expert_only, None),
    "ervaringsdeskundigen:intervision_list": ("get", None, intervision, None),
    "ervaringsdeskundigen:intervision_sign_up": ("post", "session", post_ok(expert_only), None),
    "ervaringsdeskundigen:intervision_cancel": (
        "post",
        "signed_session",
        post_ok(expert_only),
        None,
    ),
    "ervaringsdeskundigen:inbox": ("get", None, coordinators_only, None),
    "ervaringsdeskundigen:request_detail": ("get", "request", coordinators_only, None),
    "ervaringsdeskundigen:request_take": ("post", "request", post_ok(coordinators_only), None),
    "ervaringsdeskundigen:request_schedule": (
        "post",
        "request",
        post_ok(coordinators_only),
        {"date": "2030-03-05", "time": "10:00", "duration_minutes": "90"},
    ),
    "ervaringsdeskundigen:request_propose": (
        "post",
        "request",
        post_ok(coordinators_only),
        {"experts": "__other_expert__"},
    ),
    "ervaringsdeskundigen:request_decline": (
        "post",
        "request",
        post_ok(coordinators_only),
        {"reason": "Geen ervaringsdeskundige vrij"},
    ),
    "ervaringsdeskundigen:request_cancel": ("post", "request", post_ok(coordinators_only), None),
    "ervaringsdeskundigen:request_done": ("post", "past_request", post_ok(coordinators_only), None),
    "ervaringsdeskundigen:request_link_organisation": (
        "post",
        "request",
        post_ok(coordinators_only),
        {"organisation": "__organisation__"},
    ),
    "ervaringsdeskundigen:request_unlink_organisation": (
        "post",
        "request",
        post_ok(coordinators_only),
        None,
    ),
    "ervaringsdeskundigen:request_create_organisation": (
        "post",
        "request",
        post_ok(coordinators_only),
        None,
    ),
    "ervaringsdeskundigen:organisation_requests": ("get", "organisation", coordinators_only, None),
    "ervaringsdeskundigen:report_return": (
        "post",
        "reported",
        post_ok(coordinators_only),
        {"reason": "De kilometers kloppen niet"},
    ),
    "ervaringsdeskundigen:assignment_withdraw": (
        "post",
        "own_proposal",
        post_ok(coordinators_only),
        None,
    ),
    "ervaringsdeskundigen:approve": ("get", "reported", coordinators_only, None),
    "ervaringsdeskundigen:expert_list": ("get", None, coordinators_only, None),
    "ervaringsdeskundigen:expert_create": ("get", None, coordinators_only, None),
    "ervaringsdeskundigen:expert_detail": ("get", "expert", coordinators_only, None),
    "ervaringsdeskundigen:expert_update": ("get", "expert", coordinators_only, None),
    "ervaringsdeskundigen:allowance_mode": (
        "post",
        "expert",
        post_ok(coordinators_only),
        {"mode": "real"},
    ),
    "ervaringsdeskundigen:register": ("get", "register", coordinators_only, None),
    "ervaringsdeskundigen:board": ("get", None, coordinators_only, None),
    "ervaringsdeskundigen:reports": ("get", None, coordinators_only, None),
    "ervaringsdeskundigen:payouts_csv": ("get", "month", coordinators_only, None),
    "ervaringsdeskundigen:intervision_create": ("get", None, coordinators_only, None),
    "ervaringsdeskundigen:intervision_attendance": ("get", "session", coordinators_only, None),
    "ervaringsdeskundigen:intervision_move": ("get", "session", coordinators_only, None),
    "ervaringsdeskundigen:intervision_call_off": ("get", "session", coordinators_only, None),
}


@pytest.fixture(scope="module")
def expert_profile(expert):
    return ExpertFactory(user=expert)


@pytest.fixture(scope="module")
def allowance_rates(matrix_world):
    rates()


@pytest.fixture(scope="module")
def objects(expert_profile, coordinator, allowance_rates):
    now = timezone.now()
    other = ExpertFactory(themes=[theme("depressie")])
    open_request = ExpertRequestFactory(themes=[theme("depressie")])
    proposal = AssignmentFactory(expert=other, status="proposed")
    services_request = proposal.request
    services_request.status = "proposed"
    services_request.save()
    own_proposal = AssignmentFactory(expert=expert_profile, status="proposed")
    own_proposal.request.status = "proposed"
    own_proposal.request.save()
    past_request = ExpertRequestFactory(status="confirmed", starts_at=now - dt.timedelta(days=2))
    own_past = AssignmentFactory(expert=expert_profile, request=past_request)
    reported = AssignmentFactory(
        expert=other,
        request=ExpertRequestFactory(status="confirmed", starts_at=now - dt.timedelta(days=3)),
        report_status="reported",
        hours=2,
    )
    done = ExpertRequestFactory(status="done", starts_at=now - dt.timedelta(days=9))
    session = services.intervision_create(
        title="Intervisie",
        starts_at=now + dt.timedelta(days=5),
        ends_at=now + dt.timedelta(days=5, hours=2),
        capacity=8,
        actor=coordinator,
    )
    signed = services.intervision_create(
        title="Intervisie 2",
        starts_at=now + dt.timedelta(days=6),
        ends_at=now + dt.timedelta(days=6, hours=2),
        capacity=8,
        actor=coordinator,
    )
    services.intervision_sign_up(session=signed, user=expert_profile.user)
    absence = Absence.objects.create(
        expert=expert_profile, starts_on=dt.date(2030, 1, 1), ends_on=dt.date(2030, 1, 2)
    )
    today = timezone.localdate()
    organisation = OrganisationFactory(name="Hogeschool Gent")
    open_request.organisation = organisation
    open_request.save()
    return {
        "organisation": {"pk": organisation.pk},
        "__organisation__": str(organisation.pk),
        "follow": {"token": request_token(done)},
        "proposal": {"token": proposal_url(proposal).rstrip("/").rsplit("/", 1)[-1]},
        "feed": {"token": expert_profile.feed_token},
        "absence": {"pk": absence.pk},
        "own_proposal": {"pk": own_proposal.pk},
        "own_past": {"pk": own_past.pk},
        "session": {"pk": session.pk},
        "signed_session": {"pk": signed.pk},
        "request": {"pk": open_request.pk},
        "past_request": {"pk": past_request.pk},
        "reported": {"pk": reported.pk},
        "expert": {"pk": other.pk},
        "register": {"pk": other.pk, "year": today.year},
        "month": {"year": today.year, "month": today.month},
        "__other_expert__": str(other.pk),
    }


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, expected, data = MATRIX[url_name]
    url = reverse(url_name, kwargs=objects[key] if key else {})
    client = as_role(role)
    if data:
        data = {k: objects.get(v, v) for k, v in data.items()}
    response = getattr(client, method)(url, data or {})
    want = expected(role)
    if want == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == want, (url_name, role, response.content[:300])


def test_every_url_of_the_app_has_an_access_test():
    resolver = get_resolver().namespace_dict["ervaringsdeskundigen"][1]
    names = {
        f"ervaringsdeskundigen:{p.name}" for p in resolver.url_patterns if getattr(p, "name", None)
    }
    assert names == set(MATRIX)


def test_an_expert_never_sees_another_experts_assignment(client, expert_profile):
    other = AssignmentFactory(status="accepted")
    client.force_login(expert_profile.user)
    assert client.get(reverse("ervaringsdeskundigen:report", args=[other.pk])).status_code == 404
    response = client.post(reverse("ervaringsdeskundigen:my_accept", args=[other.pk]))
    assert response.status_code == 404


def test_profile_is_seen_by_coordinators_and_the_expert_only(
    as_role, expert_profile, client, staff, partner_a
):
    expert_profile.trainings = "Herstelgericht werken, 2024"
    expert_profile.save()
    url = reverse("ervaringsdeskundigen:expert_detail", args=[expert_profile.pk])
    assert "Herstelgericht werken" in as_role("coordinator").get(url).text
    for user in (staff, partner_a, expert_profile.user):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.force_login(expert_profile.user)
    own = client.get(reverse("ervaringsdeskundigen:own_profile"))
    assert own.status_code == 200
    # Not public: the home page shows only a text the expert chose to publish.
    client.logout()
    assert (
        expert_profile.user.display_name
        not in client.get(reverse("ervaringsdeskundigen:home")).text
    )
    expert_profile.public_text = "Ik vertel over mijn herstel."
    expert_profile.publish_public_text = True
    expert_profile.save()
    assert "Ik vertel over mijn herstel." in client.get(reverse("ervaringsdeskundigen:home")).text


def test_coordinator_reading_a_profile_is_audited(as_role, expert_profile, coordinator):
    from huis.audit.models import AuditEntry

    as_role("coordinator").get(
        reverse("ervaringsdeskundigen:expert_detail", args=[expert_profile.pk])
    )
    entry = AuditEntry.objects.get(action="ervaringsdeskundigen.profile_viewed")
    assert entry.subject_id == expert_profile.user_id
    assert entry.actor_id == coordinator.pk


def test_dashboard_shows_the_management_pages_to_coordinators(as_role):
    html = as_role("coordinator").get(reverse("core:dashboard")).text
    for name in ["inbox", "expert_list", "board", "reports", "intervision_list"]:
        assert reverse(f"ervaringsdeskundigen:{name}") in html
