"""Every page of the glossary, for every role: the list is public, coordinators keep it."""

import pytest
from django.urls import get_resolver, reverse

from huis.glossary.models import Word
from huis.glossary.words import seed_words
from tests.conftest import ROLE_FIXTURES
from tests.matrix import *  # noqa: F403 (the module-scoped role users)
from tests.trust.matrix import LOGIN, assert_answer

pytestmark = pytest.mark.django_db

COORDINATORS = {"coordinator", "administrator"}


def _public(role):
    return 200


def _coordinators(role):
    if role == "anonymous":
        return LOGIN
    return 200 if role in COORDINATORS else 403


MATRIX = {
    "glossary:index": ("get", None, _public),
    "glossary:manage": ("get", None, _coordinators),
    "glossary:add": ("get", None, _coordinators),
    "glossary:edit": ("get", "word", _coordinators),
}


@pytest.fixture(scope="module")
def objects(matrix_world):
    seed_words(Word)
    return {"word": Word.objects.get(slug="kwartiermaken")}


@pytest.fixture(autouse=True)
def house_words():
    """The module's words come from `objects` (module-scoped), not from the package's fixture."""


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    method, key, expected = MATRIX[url_name]
    url = reverse(url_name, kwargs={"pk": objects[key].pk} if key else {})
    response = getattr(as_role(role), method)(url)
    assert_answer(response, expected(role), where=f"{url_name} {role}")


def test_every_url_of_the_app_has_an_access_test():
    resolver = get_resolver().namespace_dict["glossary"][1]
    names = {f"glossary:{p.name}" for p in resolver.url_patterns if getattr(p, "name", None)}
    assert names == set(MATRIX)
