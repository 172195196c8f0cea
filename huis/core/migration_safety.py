"""The upgrade rule, checked: a release's migrations must not break the version still serving.

`migrate` runs while the previous release still answers requests (and old workers still run
tasks). So a release only *adds*: new tables, new nullable columns or columns with a database
default (`db_default`), new indexes. What removes or renames (a column, a table) comes in a LATER
release, once no running code uses it any more; such a migration says so with

    class Migration(migrations.Migration):
        huis_contract = True  # the previous release stopped using <what>

`unsafe_operations()` lists every operation of the project's own migrations since BASELINE that
breaks this rule; tests/production/test_migrations.py fails on any.
"""

import re
from collections.abc import Iterable
from pathlib import Path

from django.conf import settings
from django.db import migrations
from django.db.migrations.loader import MigrationLoader
from django.db.models import NOT_PROVIDED

# The migrations that existed when the rule was introduced; everything after is checked.
BASELINE = frozenset(
    {
        ("accounts", "0001_initial"),
        ("accounts", "0002_roles"),
        ("audit", "0001_initial"),
        ("audit", "0002_subject"),
        ("beeldvorming", "0001_initial"),
        ("beeldvorming", "0002_consent_records_are_immutable"),
        ("notifications", "0001_outbox"),
        ("ontmoeting", "0001_initial"),
        ("places", "0001_initial"),
        ("rooms", "0001_initial"),
    }
)

_DESTRUCTIVE = (
    migrations.RemoveField,
    migrations.DeleteModel,
    migrations.RenameField,
    migrations.RenameModel,
    migrations.AlterModelTable,
)
_DESTRUCTIVE_SQL = re.compile(r"\b(DROP\s+(TABLE|COLUMN)|RENAME\s+(TO|COLUMN))\b", re.IGNORECASE)


def _is_ours(migration) -> bool:
    """The project's own apps; installed packages (also in a .venv inside the project) are not."""
    path = Path(__import__(migration.__module__, fromlist=["_"]).__file__).resolve()
    return path.is_relative_to(Path(settings.BASE_DIR).resolve()) and not (
        {"site-packages", "dist-packages"} & set(path.parts)
    )


def _sql_text(operation) -> str:
    parts = operation.sql if isinstance(operation.sql, list | tuple) else [operation.sql]
    return " ".join(p if isinstance(p, str) else str(p[0]) for p in parts)


def check_migrations(items: Iterable) -> list[str]:
    """Problems in `items` (migration instances, in order), one line each."""
    problems: list[str] = []
    created: set[tuple[str, str]] = set()  # models new in this release: no old code uses them
    for migration in items:
        label = f"{migration.app_label}.{migration.name}"
        contract = getattr(migration, "huis_contract", False)
        for operation in migration.operations:
            if isinstance(operation, migrations.CreateModel):
                created.add((migration.app_label, operation.name_lower))
                continue
            model = getattr(operation, "model_name_lower", None) or getattr(
                operation, "name_lower", None
            )
            if (migration.app_label, model) in created or contract:
                continue
            if isinstance(operation, _DESTRUCTIVE):
                problems.append(
                    f"{label}: {operation.describe()} breaks the version still serving; do it "
                    "in a later release (huis_contract = True)."
                )
            elif isinstance(operation, migrations.AddField):
                field = operation.field
                if not field.null and field.db_default is NOT_PROVIDED and not field.many_to_many:
                    problems.append(
                        f"{label}: {operation.describe()} is NOT NULL without db_default: the "
                        "version still serving cannot insert rows. Use db_default or null=True."
                    )
            elif isinstance(operation, migrations.RunSQL) and _DESTRUCTIVE_SQL.search(
                _sql_text(operation)
            ):
                problems.append(f"{label}: RunSQL drops or renames; mark it huis_contract.")
    return problems


def unsafe_operations(loader: MigrationLoader | None = None) -> list[str]:
    loader = loader or MigrationLoader(None, ignore_no_migrations=True)
    new = [
        loader.graph.nodes[key]
        for key in _ordered(loader)
        if key not in BASELINE and _is_ours(loader.graph.nodes[key])
    ]
    return check_migrations(new)


def _ordered(loader: MigrationLoader) -> list[tuple[str, str]]:
    """Every migration, dependencies first."""
    seen: list[tuple[str, str]] = []
    for leaf in sorted(loader.graph.leaf_nodes()):
        for key in loader.graph.forwards_plan(leaf):
            if key not in seen:
                seen.append(key)
    return seen
