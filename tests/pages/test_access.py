"""Every page of the pages and news, for every role: 200/302, login, 403 or 404.

The last test lists every URL pattern of the app and fails when one has no row here.
"""

import pytest
from django.urls import get_resolver, reverse
from django.utils import timezone

from huis.pages import services
from tests.conftest import ROLE_FIXTURES
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)

pytestmark = pytest.mark.django_db

LOGIN = "login"
COORDINATORS = {"coordinator", "administrator"}


def _public(role, ok=200):
    return ok


def _coordinators(role, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in COORDINATORS else 403


def _posted(role):
    return _coordinators(role, ok=302)


# url name -> (method, kwargs key, expected(role))
MATRIX = {
    "pages:about": ("get", None, _public),
    "pages:news": ("get", None, _public),
    "pages:news_detail": ("get", "news", _public),
    "pages:index": ("get", None, _coordinators),
    "pages:block_edit": ("get", "block", _coordinators),
    "pages:block_history": ("get", "block", _coordinators),
    "pages:block_publish": ("post", "block", _posted),
    "pages:block_unpublish": ("post", "block", _posted),
    "pages:block_restore": ("post", "block_revision", _posted),
    "pages:news_new": ("get", None, _coordinators),
    "pages:news_edit": ("get", "news", _coordinators),
    "pages:news_history": ("get", "news", _coordinators),
    "pages:news_publish": ("post", "news", _posted),
    "pages:news_unpublish": ("post", "news", _posted),
    "pages:news_restore": ("post", "news_revision", _posted),
}


@pytest.fixture(scope="module")
def objects(coordinator):
    block = services.block_save(
        key="about",
        texts=services.BlockTexts(body_nl="Eerste tekst."),
        publish=True,
        actor=coordinator,
    )
    block = services.block_save(
        key="about", texts=services.BlockTexts(body_nl="Tweede tekst."), actor=coordinator
    )
    news = services.news_save(
        item=None,
        texts=services.NewsTexts(title_nl="Nieuws", date=timezone.localdate()),
        publish=True,
        actor=coordinator,
    )
    news = services.news_save(
        item=news,
        texts=services.NewsTexts(title_nl="Nieuws 2", date=timezone.localdate()),
        actor=coordinator,
    )
    return {
        "block": {"key": block.key},
        "block_revision": {"key": block.key, "revision": block.revisions.last().pk},
        "news": {"pk": news.pk},
        "news_revision": {"pk": news.pk, "revision": news.revisions.last().pk},
    }


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, expected = MATRIX[url_name]
    url = reverse(url_name, kwargs=objects[key] if key else {})
    response = getattr(as_role(role), method)(url)
    want = expected(role)
    if want == LOGIN:
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
    else:
        assert response.status_code == want, (url_name, role)


def test_an_unknown_block_or_news_item_is_not_found(as_role):
    client = as_role("coordinator")
    assert client.get(reverse("pages:block_edit", args=["no-such-block"])).status_code == 404
    assert client.get(reverse("pages:news_detail", args=[999999])).status_code == 404


def test_every_url_of_the_app_has_an_access_test():
    resolver = get_resolver().namespace_dict["pages"][1]
    names = {f"pages:{p.name}" for p in resolver.url_patterns if getattr(p, "name", None)}
    assert names == set(MATRIX)
