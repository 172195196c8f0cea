"""Every page of uitdatabank, for every role: the house's people only."""

import pytest
from django.urls import get_resolver, reverse

from tests.conftest import ROLE_FIXTURES
from tests.factories import ActivityFactory
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)
from uitdatabank.models import CategoryMapping, Publication

pytestmark = pytest.mark.django_db

LOGIN = "login"
HOUSE = {"staff", "coordinator", "administrator"}


def _house(role, *, ok=200, outsider=403):
    if role == "anonymous":
        return LOGIN
    return ok if role in HOUSE else outsider


# url name -> (method, object key, expected(role))
MATRIX = {
    "uitdatabank:publications": ("get", None, _house),
    "uitdatabank:mappings": ("get", None, _house),
    # The empty POST passes the access check and is refused with the reason (400).
    "uitdatabank:set_publish": ("post", "activity", lambda r: _house(r, ok=400)),
    "uitdatabank:retry": ("post", "publication", lambda r: _house(r, ok=400, outsider=404)),
    "uitdatabank:mapping_update": ("post", "mapping", lambda r: _house(r, ok=400, outsider=404)),
    "uitdatabank:connect": ("get", None, _house),
    "uitdatabank:organizer_choose": ("post", None, lambda r: _house(r, ok=400)),
    "uitdatabank:organizer_create": ("post", None, lambda r: _house(r, ok=400)),
    "uitdatabank:place_link": ("post", None, lambda r: _house(r, ok=400)),
}


@pytest.fixture(scope="module")
def objects(matrix_world):
    CategoryMapping.objects.get_or_create(
        key="activity:creatief", defaults={"label": "Creatief", "eventtype_id": "0.3.1.0.0"}
    )
    activity = ActivityFactory()
    return {
        "activity": activity,
        "publication": Publication.objects.create(source="activity", object_id=activity.pk),
        "mapping": CategoryMapping.objects.get(key="activity:creatief"),
    }


def _url(name, objects, key):
    if name == "uitdatabank:set_publish":
        return reverse(name, kwargs={"source": "activity", "pk": objects["activity"].pk})
    return reverse(name, kwargs={"pk": objects[key].pk} if key else {})


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, expected = MATRIX[url_name]
    response = getattr(as_role(role), method)(_url(url_name, objects, key))
    want = expected(role)
    if want == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == want, (url_name, role)


def test_every_url_of_the_app_has_an_access_test():
    resolver = get_resolver().namespace_dict["uitdatabank"][1]
    names = {f"uitdatabank:{p.name}" for p in resolver.url_patterns if getattr(p, "name", None)}
    assert names == set(MATRIX)


def test_the_dashboard_leads_to_the_page(as_role):
    html = as_role("staff").get(reverse("core:dashboard")).text
    assert reverse("uitdatabank:publications") in html
