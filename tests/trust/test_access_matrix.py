"""The portal-wide access matrix: every app's MATRIX collected, every URL of the portal covered.

- every named URL pattern (all namespaces) has a row in some app's MATRIX, except Django's admin
  and allauth's own pages, which are checked here as groups;
- every row is well formed and gives an answer for every role fixture;
- the cells themselves are checked by each app's own parametrised test (and counted: the end of
  a test run prints "access matrix: N cells checked, M mismatches", see tests/conftest.py).

A view added later without its row makes `test_every_url_of_the_portal_is_in_a_matrix` fail.
"""

import pytest
from django.urls import reverse

from tests.conftest import ROLE_FIXTURES

from . import test_access as core_access
from .matrix import (
    ANSWERS,
    LOGIN,
    METHODS,
    access_modules,
    collected_matrix,
    expected_answer,
    is_grouped,
    portal_url_names,
)


def _covered() -> dict[str, tuple[str, tuple]]:
    covered = collected_matrix()
    for name, row in core_access.PLACEHOLDERS.items():
        covered.setdefault(name, (core_access.__name__, row))
    return covered


def test_every_app_with_pages_has_an_access_matrix():
    modules = {m.__name__ for m in access_modules()}
    assert {
        "tests.trust.test_access",
        "tests.ontmoeting.test_access",
        "tests.beeldvorming.test_access",
    } <= modules


def test_every_url_of_the_portal_is_in_a_matrix():
    names = portal_url_names()
    covered = _covered()
    missing = sorted(
        n for n, module in names.items() if not is_grouped(n, module) and n not in covered
    )
    assert not missing, f"URL names without a row in any MATRIX: {missing}"
    stale = sorted(set(covered) - set(names))
    assert not stale, f"MATRIX rows for URL names that no longer exist: {stale}"


def test_every_row_answers_for_every_role(capsys):
    cells = 0
    for name, (module, row) in _covered().items():
        method, _key, expected = row[
            :3
        ]  # rows may carry more (form data), the first three are the contract
        assert method in METHODS, (module, name, method)
        if isinstance(expected, dict):
            assert set(expected) == set(ROLE_FIXTURES), (module, name)
        for role in ROLE_FIXTURES:
            assert expected_answer(row, role) in ANSWERS, (module, name, role)
            cells += 1
    assert cells == len(_covered()) * len(ROLE_FIXTURES)
    with capsys.disabled():
        urls = len(_covered())
        print(f"\naccess matrix: {urls} URLs x {len(ROLE_FIXTURES)} roles: {cells} cells")


def test_outsiders_never_get_403_for_another_persons_or_organisations_object():
    """A row about someone's own object answers 404 to the other visitor (and an organisation's
    to the other organisation), never 403: an outsider must not learn it exists. (Rows for house
    pages answer 403 to everyone else.)"""
    import importlib

    for name, (module, row) in _covered().items():
        # Only rows about an object; objects both organisations are parties to (a shared
        # guidance) are seen by both, so the one who may not change it gets 403 there.
        shared = getattr(importlib.import_module(module), "SHARED_OBJECTS", frozenset())
        if row[1] is None or row[1] in shared:
            continue
        answers = {role: expected_answer(row, role) for role in ROLE_FIXTURES}
        if answers["visitor"] in (200, 302) and answers["visitor_b"] not in (200, 302):
            assert answers["visitor_b"] in (404, LOGIN), (module, name, answers)
        # The same between organisations: partner B never learns of partner A's records.
        if answers["partner_a"] in (200, 302) and answers["partner_b"] not in (200, 302):
            assert answers["partner_b"] == 404, (module, name, answers)


# --- Groups: allauth's own pages and Django's admin ----------------------------------------------

LOGIN_REQUIRED_ALLAUTH = [
    "account_email",
    "account_change_password",
    "mfa_index",
    "mfa_activate_totp",
    "usersessions_list",
]


def _allauth_get_names() -> list[str]:
    return sorted(
        name
        for name, module in portal_url_names().items()
        if module.startswith("allauth.")
        and name not in {"account_reset_password_from_key", "account_logout"}
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "visitor", "staff"])
def test_allauth_pages_never_fail(role, as_role):
    client = as_role(role)
    for name in _allauth_get_names():
        response = client.get(reverse(name))
        assert response.status_code in (200, 302, 400, 403, 404), (name, role)
    key_url = reverse(
        "account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "not-a-key"}
    )
    assert client.get(key_url).status_code in (200, 302)


@pytest.mark.django_db
@pytest.mark.parametrize("name", LOGIN_REQUIRED_ALLAUTH)
def test_allauth_account_pages_need_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_admin_is_for_administrators_only(role, as_role):
    response = as_role(role).get(reverse("admin:index"))
    if role == "administrator":
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
