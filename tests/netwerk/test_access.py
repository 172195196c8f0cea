"""Every page of the network, for every role: 200/302, login, 403 or 404.

The referral goes from partner A (organisation A) to partner B (organisation B): both see it, and
so do the coordinators; the house's staff (another organisation), visitors and experts get 404:
they must not learn it exists. Only the receiver (B) handles it; the sender and coordinators may
see it but not answer it (403). The person's page is for the organisation that registered them
(A) alone. The guidance is led by A with B involved. Administrators are superusers: they pass
every rule, and the services still refuse what their organisation may not do (400 + message).
An empty POST that gets past the access check is refused by the service: 400 with the reason.
The last tests list every URL pattern of the app and fail when one has no row here.
"""

import pytest
from django.urls import get_resolver, reverse

from tests.conftest import ROLE_FIXTURES
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)
from tests.matrix import module_scoped

from . import conftest

charter = module_scoped(conftest.charter)
referral = module_scoped(conftest.referral)
person = module_scoped(conftest.person)
guidance = module_scoped(conftest.guidance)
evaluation = module_scoped(conftest.evaluation)
place = module_scoped(conftest.place)
partner_a_contact = module_scoped(conftest.partner_a_contact)
learning_group = module_scoped(conftest.learning_group)
learning_session = module_scoped(conftest.learning_session)

pytestmark = pytest.mark.django_db

LOGIN = "login"
WORKERS = {"partner_a", "partner_b", "staff", "coordinator", "administrator"}
COORDINATORS = {"coordinator", "administrator"}


def _anyone(role, *, ok=200):
    return ok


def _workers(role, *, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in WORKERS else 403


def _coordinators(role, *, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in COORDINATORS else 403


def _only(allowed: dict, *, outsider=404, default_worker=None):
    """`allowed` maps roles to their answer; every other logged-in role gets `outsider`."""

    def expected(role):
        if role == "anonymous":
            return LOGIN
        return allowed.get(role, outsider)

    return expected


REFERRAL_PARTIES = {"partner_a": 200, "partner_b": 200, "coordinator": 200, "administrator": 200}
HANDLE = {"partner_b": 302, "partner_a": 403, "coordinator": 403, "administrator": 302}
HANDLE_GET = {**HANDLE, "partner_b": 200, "administrator": 200}
# The receiver may accept the sent referral; it cannot start or close one it has not accepted,
# and an administrator's organisation is not the receiver: refused by the service (400).
ACCEPT = {**HANDLE, "administrator": 400}
HANDLE_REFUSED = {**HANDLE, "partner_b": 400, "administrator": 400}
GUIDANCE_PARTIES = REFERRAL_PARTIES
PRIVACY = {"partner_a": 200, "staff": 200, "coordinator": 200, "administrator": 200}


def _sign(role):
    if role == "anonymous":
        return LOGIN
    return 400 if role in {"partner_a", "administrator"} else 403  # empty POST: refused


def _guidance_create(role):
    """Without a person (?persoon= or ?doorverwijzing=) there is nothing to start: 404."""
    if role == "anonymous":
        return LOGIN
    return 404 if role in WORKERS else 403


GROUP_SEERS = {"partner_a": 200, "expert": 200, "coordinator": 200, "administrator": 200}
GROUP_MANAGERS = {"partner_a": 200, "expert": 403, "coordinator": 200, "administrator": 200}


def _learners(role):
    """Workers and experts see their groups' list (each only their own groups)."""
    if role == "anonymous":
        return LOGIN
    return 200 if role in WORKERS | {"expert"} else 403


# Objects partner A and partner B both take part in (B is an involved partner of A's guidance):
# B sees them, and gets 403 where only the lead may change them (tests/trust/test_access_matrix.py).
SHARED_OBJECTS = frozenset({"guidance", "evaluation"})

# url name -> (method, object key, expected(role))
MATRIX = {
    "netwerk:home": ("get", None, _workers),
    "netwerk:network": ("get", None, _workers),
    "netwerk:organisation_leave": ("get", "organisation_b", _coordinators),
    "netwerk:charter": ("get", None, _workers),
    "netwerk:charter_detail": ("get", "charter", _workers),
    "netwerk:charter_publish": ("get", None, _coordinators),
    "netwerk:charter_sign": ("post", None, _sign),
    "netwerk:referral_list": ("get", None, _workers),
    "netwerk:referral_create": ("get", None, _workers),
    "netwerk:referral_detail": ("get", "referral", _only(REFERRAL_PARTIES)),
    "netwerk:referral_accept": ("post", "referral", _only(ACCEPT)),
    # Privacy requests on behalf of the referred person: the sender's workers and the house;
    # the receiver and everyone else do not find it. An empty erasure is refused (400).
    "netwerk:referral_privacy": ("get", "referral", _only(PRIVACY)),
    "netwerk:referral_privacy_export": (
        "post",
        "referral",
        _only(dict.fromkeys(PRIVACY, 302)),
    ),
    "netwerk:referral_privacy_erase": ("post", "referral", _only(dict.fromkeys(PRIVACY, 400))),
    "netwerk:referral_decline": ("get", "referral", _only(HANDLE_GET)),
    "netwerk:referral_start": ("post", "referral", _only(HANDLE_REFUSED)),
    "netwerk:referral_close": ("post", "referral", _only(HANDLE_REFUSED)),
    "netwerk:referral_pass_on": ("get", "referral", _only(HANDLE_GET)),
    "netwerk:person_detail": ("get", "person", _only({"partner_a": 200})),
    "netwerk:consent_withdraw": ("post", "consent", _only({"partner_a": 302})),
    "netwerk:guidance_list": ("get", None, _workers),
    "netwerk:guidance_without_lead": ("get", None, _coordinators),
    "netwerk:guidance_create": ("get", None, _guidance_create),
    "netwerk:guidance_detail": ("get", "guidance", _only(GUIDANCE_PARTIES)),
    # The lead partner (A) prints the agreement and records the signature; B may see the
    # agreement, not this (403).
    "netwerk:guidance_pdf": (
        "get",
        "guidance",
        _only({"partner_a": 200, "partner_b": 403, "coordinator": 403, "administrator": 200}),
    ),
    "netwerk:guidance_signed": (
        "post",
        "guidance",
        _only({"partner_a": 400, "partner_b": 403, "coordinator": 403, "administrator": 400}),
    ),
    "netwerk:guidance_leave": (
        "get",
        "guidance",
        _only({"partner_a": 200, "partner_b": 200, "coordinator": 403, "administrator": 200}),
    ),
    "netwerk:guidance_handover": (
        "get",
        "guidance",
        _only({"partner_a": 200, "partner_b": 403, "coordinator": 200, "administrator": 200}),
    ),
    "netwerk:evaluation_plan": (
        "get",
        "guidance",
        _only({"partner_a": 200, "partner_b": 403, "coordinator": 403, "administrator": 200}),
    ),
    "netwerk:evaluation_done": (
        "get",
        "evaluation",
        _only({"partner_a": 200, "partner_b": 403, "coordinator": 403, "administrator": 200}),
    ),
    "netwerk:place_manage": ("get", None, _workers),
    "netwerk:place_create": ("get", None, _workers),
    "netwerk:place_update": (
        "get",
        "place",
        _only({"partner_a": 200, "coordinator": 200, "administrator": 200}),
    ),
    "netwerk:place_publish": (
        "post",
        "place",
        _only({"partner_a": 403, "coordinator": 302, "administrator": 302}),
    ),
    # Learning groups: partner A leads the group and is a member with the expert; partner B, the
    # house's staff and visitors are outsiders (404). A member who does not lead gets 403 on the
    # managing pages. Signing up is for members only (coordinators see, do not sign up).
    "netwerk:group_list": ("get", None, _learners),
    "netwerk:group_create": ("get", None, _coordinators),
    "netwerk:group_detail": ("get", "group", _only(GROUP_SEERS)),
    "netwerk:group_update": ("get", "group", _only(GROUP_MANAGERS)),
    "netwerk:session_plan": ("get", "group", _only(GROUP_MANAGERS)),
    "netwerk:session_detail": ("get", "session", _only(GROUP_SEERS)),
    "netwerk:session_sign_up": (
        "post",
        "session",
        _only({"partner_a": 302, "expert": 302, "coordinator": 403, "administrator": 400}),
    ),
    "netwerk:session_leave": (
        "post",
        "session",
        # Not signed up: refused by the service (400).
        _only({"partner_a": 400, "expert": 400, "coordinator": 403, "administrator": 400}),
    ),
    "netwerk:session_notes": ("get", "session", _only(GROUP_MANAGERS)),
    "netwerk:session_move": ("get", "session", _only(GROUP_MANAGERS)),
    "netwerk:session_cancel": ("get", "session", _only(GROUP_MANAGERS)),
    "netwerk:place_list": ("get", None, _anyone),
    "netwerk:place_map": ("get", None, _anyone),
    "netwerk:place_detail": ("get", "place", _anyone),
}


@pytest.fixture(scope="module")
def objects(
    referral,
    guidance,
    evaluation,
    place,
    charter,
    organisation_b,
    partner_a_contact,
    learning_group,
    learning_session,
):
    return {
        "group": learning_group,
        "session": learning_session,
        "referral": referral,
        "person": referral.person,
        "consent": referral.consent,
        "guidance": guidance,
        "evaluation": evaluation,
        "place": place,
        "charter": charter,
        "organisation_b": organisation_b,
    }


def _kwargs(url_name: str, obj) -> dict:
    if url_name == "netwerk:charter_detail":
        return {"version": obj.version}
    if url_name == "netwerk:place_detail":
        return {"slug": obj.slug}
    return {"pk": obj.pk}


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, expected = MATRIX[url_name]
    kwargs = _kwargs(url_name, objects[key]) if key else {}
    url = reverse(url_name, kwargs=kwargs)
    client = as_role(role)
    response = getattr(client, method)(url)
    want = expected(role)
    if want == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == want, (url_name, role)


def test_every_url_of_the_app_has_an_access_test():
    resolver = get_resolver().namespace_dict["netwerk"][1]
    names = {f"netwerk:{p.name}" for p in resolver.url_patterns if getattr(p, "name", None)}
    assert names == set(MATRIX)


def test_dashboard_and_navigation_lead_to_the_pages(as_role):
    coordinator = as_role("coordinator")
    html = coordinator.get(reverse("core:dashboard")).text
    for name in ["home", "guidance_without_lead", "charter", "place_manage", "group_list"]:
        assert reverse(f"netwerk:{name}") in html
    home = as_role("partner_a").get(reverse("core:home")).text
    assert reverse("netwerk:home") in home
    assert reverse("netwerk:place_list") in home


def test_leaving_the_network_answers_by_role_first_then_by_organisation(
    as_role, organisation_b, house_organisation
):
    """Managing the members is a role: without it, 403 whatever the organisation; a coordinator
    gets 404 for the house itself, an organisation that already left, or one that is not there."""

    def url(pk):
        return reverse("netwerk:organisation_leave", args=[pk])

    partner = as_role("partner_a")
    assert partner.get(url(organisation_b.pk)).status_code == 403
    assert partner.get(url(organisation_b.pk + 1000)).status_code == 403
    coordinator = as_role("coordinator")
    assert coordinator.get(url(organisation_b.pk)).status_code == 200
    assert coordinator.get(url(house_organisation.pk)).status_code == 404
    assert coordinator.get(url(organisation_b.pk + 1000)).status_code == 404
    organisation_b.is_active = False
    organisation_b.save(update_fields=["is_active"])
    assert coordinator.get(url(organisation_b.pk)).status_code == 404


def test_an_unknown_charter_version_is_404_for_a_worker_403_for_others(as_role, charter):
    url = reverse("netwerk:charter_detail", kwargs={"version": charter.version + 10})
    assert as_role("partner_a").get(url).status_code == 404
    assert as_role("visitor").get(url).status_code == 403
