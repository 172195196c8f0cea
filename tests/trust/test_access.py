"""Every page of the shared core (home, dashboard, language, privacy, health, profile and privacy
rights, notifications), for every role: 200, login, 403 or 404.

The placeholder pages of functions still being built are covered here until their app brings
its own MATRIX (then the app's row wins; see `test_access_matrix.py`).
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from huis.notifications.models import Notification
from huis.notifications.services import notification_schedule
from tests.conftest import ROLE_FIXTURES
from tests.matrix import *  # noqa: F403 (role users and objects made once per module)

from .matrix import LOGIN, assert_answer, expected_answer

pytestmark = pytest.mark.django_db

HOUSE = {"staff", "coordinator", "administrator"}


def _public(role):
    return 200


def _account(role, *, ok=200):
    return LOGIN if role == "anonymous" else ok


def _house(role, *, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in HOUSE else 403


def _coordinators(role, *, ok=200):
    if role == "anonymous":
        return LOGIN
    return ok if role in {"coordinator", "administrator"} else 403


def _partners_and_house(role):
    if role == "anonymous":
        return LOGIN
    return 200 if role in HOUSE | {"partner_a", "partner_b"} else 403


MATRIX = {
    "core:home": ("get", None, _public),
    "core:privacy": ("get", None, _public),
    "core:accessibility": ("get", None, _public),
    "core:dashboard": ("get", None, _house),
    "core:after_login": ("get", None, lambda r: _account(r, ok=302)),
    "core:set_language": ("post", "language", lambda r: 302),
    "healthz": ("get", None, _public),
    "accounts:profile": ("get", None, _account),
    "accounts:my_data": ("get", None, _account),
    "accounts:export_request": ("post", None, lambda r: _account(r, ok=302)),
    # Someone else's file: 404 for everyone but its owner (tests/accounts/test_data_export.py).
    "accounts:export_file": ("get", "data_export", lambda r: _account(r, ok=404)),
    "accounts:who_touched": ("get", None, _account),
    "accounts:delete": ("get", None, _account),
    "core:report": ("get", None, _coordinators),
    "core:missing_translations": ("get", None, _coordinators),
    "core:report_build": ("post", None, lambda r: _coordinators(r, ok=302)),
    # Not made yet: back to the page (tests/core/test_report.py downloads a made one).
    "core:report_download": ("get", "report_kind", lambda r: _coordinators(r, ok=302)),
    "facts:contact": ("get", None, _public),
    "facts:edit": ("get", None, _house),
    "notifications:failed": ("get", None, _house),
    "notifications:retry": ("post", "failed", lambda r: _house(r, ok=302)),
}

# Placeholder pages of the functions being built; each app's own MATRIX replaces its row.
PLACEHOLDERS = {
    "herstelacademie:home": ("get", None, _public),
    "ervaringsdeskundigen:home": ("get", None, _public),
    "kwartiermaken:home": ("get", None, _partners_and_house),
}


@pytest.fixture(scope="module")
def objects(matrix_world):
    failed = notification_schedule(
        key="failed:matrix",
        kind="test_message",
        context={"name": "Vera"},
        email="failed@test.example",
        due_at=timezone.now() + timezone.timedelta(days=1),
    )
    Notification.objects.filter(pk=failed.pk).update(status="failed", attempts=5)
    from huis.accounts.models import DataExport
    from tests.factories import UserFactory

    export = DataExport.objects.create(
        user=UserFactory(),
        status="ready",
        content=b"PK",
        size=2,
        filename="x.zip",
        expires_at=timezone.now() + timezone.timedelta(hours=1),
    )
    return {
        "failed": {"pk": failed.pk},
        "language": None,
        "data_export": {"pk": export.pk},
        "report_kind": {"kind": "csv"},
    }


POST_DATA = {"language": {"language": "fr", "next": "/"}}


def _check(name, row, role, objects, as_role):
    method, key, _expected = row[
        :3
    ]  # rows may carry more (form data), the first three are the contract
    kwargs = objects[key] if key and objects[key] else {}
    client = as_role(role)
    data = POST_DATA.get(key, {})
    response = getattr(client, method)(reverse(name, kwargs=kwargs), data)
    assert_answer(response, expected_answer(row, role), where=f"{name} as {role}")


@pytest.mark.parametrize("role", ROLE_FIXTURES)
@pytest.mark.parametrize("url_name", sorted(MATRIX))
def test_access(url_name, role, objects, as_role):
    _check(url_name, MATRIX[url_name], role, objects, as_role)


def _placeholders_without_their_own_matrix() -> list[str]:
    from .matrix import collected_matrix, portal_url_names

    names = portal_url_names()
    collected = collected_matrix()
    return sorted(n for n in PLACEHOLDERS if n in names and n not in collected)


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_access_of_placeholder_pages(role, objects, as_role):
    """Pages of a function whose own access test does not exist yet (none, now that every
    function has its MATRIX) are still checked here."""
    for url_name in _placeholders_without_their_own_matrix():
        _check(url_name, PLACEHOLDERS[url_name], role, objects, as_role)
