"""Every page of kwartiermaken, for every role: 200/302, login, 403 or 404.

The objects belong to partner A (organisation A). Partner B, and the house's staff (another
organisation), get 404 for them: they must not learn they exist. Coordinators see everything but
change only their own organisation's records (403). Administrators are superusers.
The last tests list every URL pattern of the app and fail when one has no row here.
"""

import pytest
from django.urls import get_resolver, reverse

from tests.conftest import ROLE_FIXTURES
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)
from tests.matrix import module_scoped

from . import conftest
from .factories import RecommendationFactory

neighbourhood = module_scoped(conftest.neighbourhood)
need = module_scoped(conftest.need)
entry_a = module_scoped(conftest.entry_a)
signal_a = module_scoped(conftest.signal_a)

pytestmark = pytest.mark.django_db

LOGIN = "login"
WORKERS = {"partner_a", "partner_b", "staff", "coordinator", "administrator"}
COORDINATORS = {"coordinator", "administrator"}


def _workers(role, *, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in WORKERS else 403


def _see_own(role, *, ok=200):
    """An object of organisation A: its workers and the coordinators see it, all others 404."""
    if role == "anonymous":
        return LOGIN
    return ok if role in {"partner_a"} | COORDINATORS else 404


def _change_own(role, *, ok=200):
    """Changing it: organisation A's workers; a coordinator of the house may see it, not change."""
    if role == "anonymous":
        return LOGIN
    if role in {"partner_a", "administrator"}:
        return ok
    return 403 if role == "coordinator" else 404


def _coordinators(role, *, ok=200, outsider=403):
    if role == "anonymous":
        return LOGIN
    return ok if role in COORDINATORS else outsider


def _coordinators_object(role, *, ok=200):
    return _coordinators(role, ok=ok, outsider=404)


# url name -> (method, object key, expected(role))
MATRIX = {
    "kwartiermaken:home": ("get", None, _workers),
    "kwartiermaken:entry_list": ("get", None, _workers),
    "kwartiermaken:entry_create": ("get", None, _workers),
    "kwartiermaken:entry_export": ("get", None, _workers),
    "kwartiermaken:entry_detail": ("get", "entry", _see_own),
    "kwartiermaken:entry_notes": ("get", "entry", _see_own),
    "kwartiermaken:entry_update": ("get", "entry", _change_own),
    "kwartiermaken:entry_refer": ("get", "entry", _change_own),
    "kwartiermaken:entry_follow_up_done": ("post", "entry", lambda r: _change_own(r, ok=400)),
    "kwartiermaken:signal_list": ("get", None, _workers),
    "kwartiermaken:signal_create": ("get", None, _workers),
    "kwartiermaken:signal_detail": ("get", "signal", _see_own),
    "kwartiermaken:signal_update": ("get", "signal", _change_own),
    "kwartiermaken:overview": ("get", None, _workers),
    "kwartiermaken:overview_export": ("get", None, _workers),
    "kwartiermaken:recommendation_list": ("get", None, _coordinators),
    "kwartiermaken:recommendation_create": ("get", None, _coordinators),
    "kwartiermaken:recommendation_detail": ("get", "recommendation", _coordinators_object),
    "kwartiermaken:recommendation_update": ("get", "recommendation", _coordinators_object),
    "kwartiermaken:recommendation_send": (
        "post",
        "recommendation",
        lambda r: _coordinators_object(r, ok=302),
    ),
    "kwartiermaken:recommendation_answer": ("get", "recommendation", _coordinators_object),
    # The empty POST gets past the access check and is refused with the reason (400).
    "kwartiermaken:recommendation_decide": (
        "post",
        "recommendation",
        lambda r: _coordinators_object(r, ok=400),
    ),
    "kwartiermaken:recommendation_print": ("get", "recommendation", _coordinators_object),
    "kwartiermaken:recommendation_pdf": ("get", "recommendation", _coordinators_object),
    "kwartiermaken:consultation_create": ("get", "recommendation", _coordinators_object),
    "kwartiermaken:quote_create": ("get", "recommendation", _coordinators_object),
    "kwartiermaken:quote_remove": ("post", "quote", lambda r: _coordinators_object(r, ok=302)),
}


@pytest.fixture(scope="module")
def objects(entry_a, signal_a):
    from kwartiermaken.models import ResidentQuote

    recommendation = RecommendationFactory(signals=[signal_a])
    return {
        "entry": entry_a,
        "signal": signal_a,
        "recommendation": recommendation,
        "quote": ResidentQuote.objects.create(
            recommendation=recommendation, text="Er is hier geen bank.", consent_given=True
        ),
    }


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, expected = MATRIX[url_name]
    kwargs = {"pk": objects[key].pk} if key else {}
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
    resolver = get_resolver().namespace_dict["kwartiermaken"][1]
    names = {f"kwartiermaken:{p.name}" for p in resolver.url_patterns if getattr(p, "name", None)}
    assert names == set(MATRIX)


def test_dashboard_and_navigation_lead_to_the_pages(as_role):
    coordinator = as_role("coordinator")
    html = coordinator.get(reverse("core:dashboard")).text
    for name in ["home", "signal_list", "overview", "recommendation_list"]:
        assert reverse(f"kwartiermaken:{name}") in html
    home = coordinator.get(reverse("kwartiermaken:home")).text
    for name in ["entry_create", "entry_list", "signal_list", "overview", "recommendation_list"]:
        assert reverse(f"kwartiermaken:{name}") in home


def test_partner_reaches_the_app_from_the_main_navigation(as_role):
    html = as_role("partner_a").get(reverse("core:home")).text
    assert reverse("kwartiermaken:home") in html
    start = as_role("partner_a").get(reverse("kwartiermaken:home")).text
    assert reverse("kwartiermaken:entry_create") in start
    assert reverse("kwartiermaken:recommendation_list") not in start
