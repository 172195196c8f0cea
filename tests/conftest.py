"""Role fixtures for every test, and the rules every test lives by.

Roles: anonymous, visitor (A and B), expert, partner worker of organisation A and of organisation B,
staff, coordinator, administrator. Tests fail on logged errors; unknown template variables fail
through pytest-django's FAIL_INVALID_TEMPLATE_VARS; naive datetimes fail as RuntimeWarning errors.
"""

import logging
import time
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from huis.accounts.roles import Role

from .browser.fixtures import browser, page, viewport  # noqa: F401 (one Chromium for all)
from .factories import MembershipFactory, OrganisationFactory, UserFactory
from .migration_rows import django_db_setup, migration_rows  # noqa: F401 (in every order)


class _ErrorCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True, scope="session")
def _only_our_templates_fail_on_unknown_variables(_fail_for_invalid_template_variable):
    """pytest-django fails on unknown template variables; we hold our own templates to that.

    Third-party templates (allauth's, Django admin's) rely on unknown variables rendering as "",
    which is Django's documented behaviour, so for templates from site-packages we allow it.
    """
    from django.conf import settings

    handler = settings.TEMPLATES[0]["OPTIONS"].get("string_if_invalid")
    if handler is None or isinstance(handler, str):
        yield
        return
    cls = type(handler)
    original = cls.__mod__

    def __mod__(self, var):
        origin = str(self._get_origin() or "")
        if "site-packages" in origin:
            return ""
        return original(self, var)

    cls.__mod__ = __mod__
    yield
    cls.__mod__ = original


@pytest.fixture(autouse=True)
def fail_on_logged_errors(request):
    """A test that makes the portal log an error fails, unless it is marked as expecting one."""
    collector = _ErrorCollector()
    root = logging.getLogger()
    root.addHandler(collector)
    yield
    root.removeHandler(collector)
    if request.node.get_closest_marker("allow_logged_errors") is None and collector.records:
        messages = "\n".join(r.getMessage() for r in collector.records)
        pytest.fail(f"The test logged errors:\n{messages}")


@pytest.fixture(autouse=True)
def even_time_floor():
    """The forms that take an email address answer no sooner than a floor (EVEN_TIME_SECONDS, so
    timing does not tell who has an account). Off in tests, where it would only add waiting (and
    stretch a rate-limit flood over a minute boundary); the timing test turns the configured floor
    back on with the value this fixture returns."""
    from django.conf import settings
    from django.test import override_settings

    configured = settings.EVEN_TIME_SECONDS
    # Its own override, not the `settings` fixture: pulling that fixture into every test would
    # change the order in which other fixtures (the cache clean-up) are torn down.
    with override_settings(EVEN_TIME_SECONDS=0):
        yield configured


@pytest.fixture(autouse=True)
def rate_limit_window(monkeypatch):
    """django-ratelimit counts in fixed windows of the clock (a 10/m limit starts counting anew at
    a boundary): a test's burst of requests falls in one window, as the tests mean, however long
    the burst takes. A burst across a boundary once let the eleventh sign-up through in CI. The
    production tests (tests/production) run a real server and allow for one boundary instead."""
    import django_ratelimit.core as ratelimit_core

    now = time.time()
    monkeypatch.setattr(ratelimit_core, "time", SimpleNamespace(time=lambda: now))


@pytest.fixture(autouse=True)
def clean_cache():
    """Rate limits and cached pages live in Redis: every test starts with an empty cache."""
    cache.clear()
    yield
    cache.clear()


def make_organisation_a():
    return OrganisationFactory(name="Partner A", slug="partner-a")


def make_organisation_b():
    return OrganisationFactory(name="Partner B", slug="partner-b")


def make_house_organisation():
    from huis.accounts.models import Organisation

    return OrganisationFactory(name="Het Huis", slug="het-huis", kind=Organisation.Kind.HOUSE)


def make_member(organisation, *, display_name: str, roles, **extra):
    user = UserFactory(display_name=display_name, roles=roles, **extra)
    MembershipFactory(user=user, organisation=organisation)
    return user


# Each role's user, made from the organisations it needs (tests/matrix.py makes them once per
# module for the access matrices).
ROLE_USERS = {
    "visitor": lambda orgs: UserFactory(display_name="Vera", roles=[Role.VISITOR]),
    "visitor_b": lambda orgs: UserFactory(display_name="Bram", roles=[Role.VISITOR]),
    "expert": lambda orgs: UserFactory(display_name="Evi", roles=[Role.VISITOR, Role.EXPERT]),
    "partner_a": lambda orgs: make_member(
        orgs("organisation_a"), display_name="Pia", roles=[Role.PARTNER_WORKER]
    ),
    "partner_b": lambda orgs: make_member(
        orgs("organisation_b"), display_name="Piet", roles=[Role.PARTNER_WORKER]
    ),
    "staff": lambda orgs: make_member(
        orgs("house_organisation"), display_name="Sofie", roles=[Role.STAFF]
    ),
    "coordinator": lambda orgs: make_member(
        orgs("house_organisation"), display_name="Koen", roles=[Role.COORDINATOR]
    ),
    "administrator": lambda orgs: make_member(
        orgs("house_organisation"),
        display_name="Ada",
        roles=[Role.ADMINISTRATOR],
        is_staff=True,
        is_superuser=True,
    ),
}


@pytest.fixture
def organisation_a(db):
    return make_organisation_a()


@pytest.fixture
def organisation_b(db):
    return make_organisation_b()


@pytest.fixture
def house_organisation(db):
    return make_house_organisation()


def _role_user(request, role):
    return ROLE_USERS[role](request.getfixturevalue)


@pytest.fixture
def visitor(request, db):
    return _role_user(request, "visitor")


@pytest.fixture
def visitor_b(request, db):
    return _role_user(request, "visitor_b")


@pytest.fixture
def expert(request, db):
    return _role_user(request, "expert")


@pytest.fixture
def partner_a(request, db):
    return _role_user(request, "partner_a")


@pytest.fixture
def partner_b(request, db):
    return _role_user(request, "partner_b")


@pytest.fixture
def staff(request, db):
    return _role_user(request, "staff")


@pytest.fixture
def coordinator(request, db):
    return _role_user(request, "coordinator")


@pytest.fixture
def administrator(request, db):
    return _role_user(request, "administrator")


ROLE_FIXTURES = [
    "anonymous",
    "visitor",
    "visitor_b",
    "expert",
    "partner_a",
    "partner_b",
    "staff",
    "coordinator",
    "administrator",
]


@pytest.fixture
def anonymous():
    return None


@pytest.fixture
def as_role(request, client):
    """`as_role("staff")` returns a client logged in as that role's fixture user."""

    def login(role: str):
        user = request.getfixturevalue(role)
        if user is not None:
            client.force_login(user)
        return client

    return login


# --- The access matrix: count the cells every app's MATRIX test checked ----------------------
# A cell is marked on its report where it runs (in a test process under xdist) and counted where
# the reports arrive, so the main process prints the count in both cases.

_matrix_cells = {"checked": 0, "mismatches": 0}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    module = getattr(item, "module", None)
    params = getattr(getattr(item, "callspec", None), "params", {})
    matrix = getattr(module, "MATRIX", None)
    if (
        report.when == "call"
        and isinstance(matrix, dict)
        and "role" in params
        and any(isinstance(value, str) and value in matrix for value in params.values())
    ):
        report.user_properties.append(("access_matrix_cell", True))
    return report


def pytest_runtest_logreport(report):
    if report.when == "call" and ("access_matrix_cell", True) in report.user_properties:
        _matrix_cells["checked"] += 1
        _matrix_cells["mismatches"] += int(report.failed)


def pytest_terminal_summary(terminalreporter):
    if _matrix_cells["checked"]:
        terminalreporter.write_line(
            f"access matrix: {_matrix_cells['checked']} cells checked, "
            f"{_matrix_cells['mismatches']} mismatches"
        )


# --- In parallel, in the order of one process (tests/parallel.py) -----------------------------


def pytest_runtest_setup(item):
    from .parallel import check_order

    check_order(item)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile` keeps the order of a single process (tests/parallel.py)."""
    if config.getoption("dist") == "loadfile":
        from .parallel import InOrderFileScheduling

        return InOrderFileScheduling(config, log)
    return None


@pytest.fixture
def redis_round_trips(monkeypatch):
    """[n]: the Redis round trips made since the test (or the last reset to 0) began."""
    import redis.connection

    count = [0]
    original = redis.connection.AbstractConnection.send_packed_command

    def send(self, *args, **kwargs):
        count[0] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(redis.connection.AbstractConnection, "send_packed_command", send)
    return count
