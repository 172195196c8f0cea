"""The migrations' rows for transactional tests that ask for them, the same in every order.

A transactional test (one that commits: `transaction=True`, `live_server`) ends by emptying every
table, also the rows the data migrations made (role groups, managed lists, terms). A test marked
`serialized_rollback=True` asks for those rows back at its start. Django keeps them as a string on
the database connection and reloads them there, but that breaks in two ways here:

- Playwright's sync API runs the rest of the session in a greenlet with its own context, and
  Django's connections are kept per context: once the first browser test has started, the
  connection a test sees no longer has the string, so a test marked `serialized_rollback` got the
  rows only when it ran before the browser started;
- a flush after a test without the mark recreates the content types and permissions under new
  ids (post_migrate), so reloading the old ids fails on a duplicate content type, and Django's
  content type cache can keep an id that no longer exists.

Which of these hit a test depended on what ran before it in its process, so a test could pass in
one process and fail in two (`TEST_PROCESSES=2`). Here the string is kept apart from the
connections, and a test marked `serialized_rollback` always starts from an empty database with
exactly the migrations' rows and an empty content type cache. Every transactional test ends as
Django ends one without the mark (the tables emptied, post_migrate's content types and permissions
made again), whatever ran before it.
"""

import json

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connections
from pytest_django.plugin import validate_django_db

# alias -> the migrations' rows, as Django serialized them right after migrating.
_ROWS: dict[str, str] = {}
# alias -> the statements that set each loaded table's id sequence past its highest loaded id.
_SEQUENCES: dict[str, list[str]] = {}


def _sequence_resets(alias: str) -> list[str]:
    """The rows come back with their own ids, which their tables' sequences do not know: like
    `loaddata`, set each sequence past them, or the next row made gets an id already taken."""
    if alias not in _SEQUENCES:
        labels = {row["model"] for row in json.loads(_ROWS[alias])}
        models = [apps.get_model(label) for label in sorted(labels)]
        _SEQUENCES[alias] = connections[alias].ops.sequence_reset_sql(no_style(), models)
    return _SEQUENCES[alias]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's set-up, then the serialized rows taken off the connection (so Django
    neither reloads them itself nor skips post_migrate at a flush) and kept here."""
    for alias in connections:
        rows = connections[alias].__dict__.pop("_test_serialized_contents", None)
        if rows is not None:
            _ROWS[alias] = rows
    return django_db_setup


@pytest.fixture(autouse=True)
def migration_rows(request):
    """A test marked `serialized_rollback=True` (or asking for `django_db_serialized_rollback`)
    starts from the migrations' rows alone, in each database it uses."""
    marker = request.node.get_closest_marker("django_db")
    _transaction, _sequences, databases, serialized, _apps = (
        validate_django_db(marker) if marker else (False, False, None, False, None)
    )
    if not serialized and "django_db_serialized_rollback" not in request.fixturenames:
        return
    request.getfixturevalue("transactional_db")  # the database is set up and unblocked first
    if databases is None:
        databases = ["default"]
    elif databases == "__all__":
        databases = list(_ROWS)
    for alias in databases:
        rows = _ROWS.get(alias)
        if rows is None:
            continue
        call_command(
            "flush", verbosity=0, interactive=False, database=alias, inhibit_post_migrate=True
        )
        connections[alias].creation.deserialize_db_from_string(rows)
        with connections[alias].cursor() as cursor:
            cursor.execute("\n".join(_sequence_resets(alias)))
    ContentType.objects.clear_cache()
