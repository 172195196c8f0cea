"""Every page of beeldvorming, for every role: 200, login, 403 or 404.

The last test lists every URL pattern of the app and fails when one has no row here.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import get_resolver, reverse

from beeldvorming import services
from tests.conftest import ROLE_FIXTURES
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)
from tests.matrix import module_scoped

from . import conftest
from .conftest import PDF

campaign = module_scoped(conftest.campaign)
action = module_scoped(conftest.action)
own_story = module_scoped(conftest.own_story)

pytestmark = pytest.mark.django_db

ALL = "all"
LOGIN = "login"
ROLES_HOUSE = {"staff", "coordinator", "administrator"}
ROLES_WRITERS = {"visitor", "visitor_b", "expert", "administrator"}


def _public(role):
    return 200


def _house(role, *, ok=200, outsider=403):
    if role == "anonymous":
        return LOGIN
    return ok if role in ROLES_HOUSE else outsider


def _writers(role):
    if role == "anonymous":
        return LOGIN
    return 200 if role in ROLES_WRITERS else 403


def _owner(role, *, ok=200):
    # The story belongs to `visitor`; nobody else may learn it exists, administrators neither.
    if role == "anonymous":
        return LOGIN
    return ok if role == "visitor" else 404


# url name -> (method, kwargs key, expected(role))
MATRIX = {
    "beeldvorming:home": ("get", None, _public),
    "verhalen:list": ("get", None, _public),
    "verhalen:feed": ("get", None, _public),
    "verhalen:detail": ("get", "story", _public),
    "beeldvorming:my_stories": ("get", None, _writers),
    "beeldvorming:story_create": ("get", None, _writers),
    "beeldvorming:story_edit": ("get", "story", _owner),
    "beeldvorming:story_consent": ("get", "story", _owner),
    "beeldvorming:story_withdraw": ("post", "story", lambda r: _owner(r, ok=302)),
    "beeldvorming:campaign_list": ("get", None, _house),
    "beeldvorming:campaign_create": ("get", None, _house),
    "beeldvorming:campaign_detail": ("get", "campaign", _house),
    "beeldvorming:campaign_update": ("get", "campaign", _house),
    "beeldvorming:action_create": ("get", "campaign", _house),
    "beeldvorming:action_update": ("get", "action", lambda r: _house(r, outsider=404)),
    "beeldvorming:material_create": ("get", "campaign", _house),
    "beeldvorming:material_download": ("get", "material", lambda r: _house(r, outsider=404)),
    "beeldvorming:material_delete": (
        "post",
        "material",
        lambda r: _house(r, ok=302, outsider=404),
    ),
    "beeldvorming:reach": ("get", None, _house),
    "beeldvorming:reach_export": ("get", None, _house),
    "beeldvorming:review_list": ("get", None, _house),
    "beeldvorming:review_detail": ("get", "story", _house),
    "beeldvorming:review_publish": ("post", "submitted_story", lambda r: _house(r, ok=302)),
    "beeldvorming:review_decline": ("post", "story", lambda r: _house(r, ok=302)),
}


@pytest.fixture(scope="module", autouse=True)
def media_root(tmp_path_factory):
    """The module's objects hold an uploaded file: one temporary MEDIA_ROOT for the module."""
    path = tmp_path_factory.mktemp("media")
    with override_settings(MEDIA_ROOT=path):
        yield path


@pytest.fixture(scope="module")
def objects(media_root, own_story, action, staff):
    from tests.factories import TestimonyFactory

    material = services.material_add(
        campaign=action.campaign,
        actor=staff,
        title="Affiche",
        file=SimpleUploadedFile("affiche.pdf", PDF, content_type="application/pdf"),
    )
    submitted = TestimonyFactory(author=own_story.author)
    return {
        "story": own_story,
        "submitted_story": submitted,
        "campaign": action.campaign,
        "action": action,
        "material": material,
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


def test_expert_who_took_part_may_download_the_campaigns_materials(client, expert, objects):
    objects["action"].experts.add(expert)
    client.force_login(expert)
    response = client.get(reverse("beeldvorming:material_download", args=[objects["material"].pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_every_url_of_the_app_has_an_access_test():
    names = set()
    for namespace in ("beeldvorming", "verhalen"):
        resolver = get_resolver().namespace_dict[namespace][1]
        names |= {
            f"{namespace}:{p.name}" for p in resolver.url_patterns if getattr(p, "name", None)
        }
    assert names == set(MATRIX)


def test_dashboard_shows_the_staff_pages_to_staff_only(as_role, client, visitor):
    html = as_role("staff").get(reverse("core:dashboard")).text
    for name in ["campaign_list", "review_list", "reach"]:
        assert reverse(f"beeldvorming:{name}") in html
    client.force_login(visitor)
    assert client.get(reverse("core:dashboard")).status_code == 403


@pytest.mark.parametrize(
    "url_name",
    ["campaign_detail", "campaign_update", "action_create", "material_create", "review_detail"],
)
def test_a_staff_page_of_one_object_answers_by_role_first_then_by_object(
    url_name, as_role, objects
):
    """Reviewing stories and running campaigns are roles: someone without the role gets 403
    whether the object exists or not (the answer tells nothing), the house gets 404 for one that
    does not exist."""
    key = "story" if url_name == "review_detail" else "campaign"
    existing = reverse(f"beeldvorming:{url_name}", args=[objects[key].pk])
    missing = reverse(f"beeldvorming:{url_name}", args=[objects[key].pk + 1000])
    visitor = as_role("visitor")
    assert visitor.get(existing).status_code == 403
    assert visitor.get(missing).status_code == 403
    assert as_role("staff").get(missing).status_code == 404
