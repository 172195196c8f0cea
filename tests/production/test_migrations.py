"""Upgrades: `migrate` must be safe while the previous version still serves. A migration added after
the baseline that drops or renames a column or table, or adds a NOT NULL column the old code cannot
fill, fails here (unless it is a marked later-release "contract" migration)."""

from django.db import migrations, models
from django.db.migrations.loader import MigrationLoader

from huis.core.migration_safety import BASELINE, check_migrations, unsafe_operations


def _migration(app: str, name: str, operations: list, **attributes) -> migrations.Migration:
    cls = type("Migration", (migrations.Migration,), {"operations": operations, **attributes})
    return cls(name, app)


def test_no_migration_since_the_baseline_breaks_the_version_still_serving():
    assert unsafe_operations() == []


def test_the_check_covers_our_apps_and_only_them(monkeypatch):
    import huis.core.migration_safety as safety

    checked = []
    monkeypatch.setattr(safety, "BASELINE", frozenset())
    monkeypatch.setattr(safety, "check_migrations", lambda items: checked.extend(items) or [])
    safety.unsafe_operations()
    apps = {m.app_label for m in checked}
    assert {"accounts", "ontmoeting", "notifications"} <= apps
    assert not apps & {"auth", "contenttypes", "account", "sessions"}


def test_the_baseline_names_migrations_that_exist():
    on_disk = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    assert on_disk >= BASELINE


def test_dropping_or_renaming_a_column_is_caught():
    problems = check_migrations(
        [
            _migration(
                "ontmoeting",
                "0009_tidy",
                [
                    migrations.RemoveField("activity", "summary"),
                    migrations.RenameField("activity", "title", "name"),
                    migrations.DeleteModel("OpenHours"),
                    migrations.RunSQL("ALTER TABLE ontmoeting_activity DROP COLUMN place_name"),
                ],
            )
        ]
    )
    assert len(problems) == 4
    assert problems[0].startswith("ontmoeting.0009_tidy: Remove field summary from activity")


def test_a_not_null_column_without_a_database_default_is_caught():
    problems = check_migrations(
        [
            _migration(
                "ontmoeting",
                "0010_more",
                [
                    migrations.AddField("activity", "colour", models.CharField(max_length=9)),
                    migrations.AddField(
                        "activity", "note", models.CharField(max_length=9, db_default="")
                    ),
                    migrations.AddField("activity", "extra", models.TextField(null=True)),
                ],
            )
        ]
    )
    assert problems == [
        "ontmoeting.0010_more: Add field colour to activity is NOT NULL without db_default: the "
        "version still serving cannot insert rows. Use db_default or null=True."
    ]


def test_a_new_model_and_a_marked_contract_migration_are_fine():
    new_model = _migration(
        "herstelacademie",
        "0002_course",
        [
            migrations.CreateModel("Course", [("id", models.BigAutoField(primary_key=True))]),
            migrations.AddField("course", "title", models.CharField(max_length=80)),
            migrations.RenameField("course", "title", "name"),
        ],
    )
    contract = _migration(
        "ontmoeting",
        "0011_drop_summary",
        [migrations.RemoveField("activity", "summary")],
        huis_contract=True,
    )
    assert check_migrations([new_model, contract]) == []
