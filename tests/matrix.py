"""The access matrices' world, made once per module instead of once per cell.

A matrix module checks every page for every role: hundreds of cells on the same objects. Made
per cell, the objects cost most of the suite's time. Importing these fixtures into a matrix
module makes the role users (and, declared module-scoped there, its objects) once, inside a
transaction rolled back when the module ends; every cell runs in a savepoint of it, so what a
POST changes is undone before the next cell, as before.

    from tests.matrix import *  # noqa: F403 (the module-scoped role users)
"""

import inspect

import pytest

from tests.conftest import (
    ROLE_USERS,
    make_house_organisation,
    make_organisation_a,
    make_organisation_b,
)
from tests.demo_house import shared_transaction

__all__ = [
    "administrator",
    "coordinator",
    "expert",
    "house_organisation",
    "matrix_roles",
    "matrix_world",
    "module_scoped",
    "organisation_a",
    "organisation_b",
    "partner_a",
    "partner_b",
    "staff",
    "visitor",
    "visitor_b",
]


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    with shared_transaction(django_db_blocker):
        yield


@pytest.fixture(scope="module")
def organisation_a(matrix_world):
    return make_organisation_a()


@pytest.fixture(scope="module")
def organisation_b(matrix_world):
    return make_organisation_b()


@pytest.fixture(scope="module")
def house_organisation(matrix_world):
    return make_house_organisation()


def _module_role(role: str):
    @pytest.fixture(scope="module", name=role)
    def fixture(request, matrix_world):
        return ROLE_USERS[role](request.getfixturevalue)

    return fixture


visitor = _module_role("visitor")
visitor_b = _module_role("visitor_b")
expert = _module_role("expert")
partner_a = _module_role("partner_a")
partner_b = _module_role("partner_b")
staff = _module_role("staff")
coordinator = _module_role("coordinator")
administrator = _module_role("administrator")


@pytest.fixture(scope="module", autouse=True)
def matrix_roles(
    visitor, visitor_b, expert, partner_a, partner_b, staff, coordinator, administrator
):
    """Every role's user, made before the first cell: made lazily inside a cell, a user would
    vanish with that cell's savepoint."""


def module_scoped(definition):
    """A conftest fixture made once per module instead: `referral = module_scoped(referral)`.

    Its own fixtures are looked up the same way, so they must be module-scoped in the module too
    (the role users above are); a `db` argument is met by the module's transaction."""
    func = definition._get_wrapped_function()
    names = list(inspect.signature(func).parameters)

    @pytest.fixture(scope="module", name=func.__name__)
    def fixture(request, matrix_world):
        return func(**{n: None if n == "db" else request.getfixturevalue(n) for n in names})

    return fixture
