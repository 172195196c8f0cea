"""Backups restore: a dump with its manifest, restored into a scratch database and checked, on the
real PostgreSQL (pg_dump and pg_restore as in production)."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from huis.core import backups
from tests.factories import ActivityFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _scratch_exists(name: str) -> bool:
    with backups._connect("postgres") as admin:
        return admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()


@pytest.fixture
def house():
    UserFactory.create_batch(3)
    ActivityFactory(title="Schilderatelier")


def test_a_fresh_backup_restores_and_matches_its_manifest(house, tmp_path, capsys):
    call_command("backup_create", dir=tmp_path)
    dump = backups.latest_dump(tmp_path)
    manifest = json.loads(dump.with_suffix(".json").read_text())
    assert manifest["tables"]["accounts_user"] == 3
    assert manifest["tables"]["ontmoeting_activity"] == 1
    assert ["ontmoeting", "0001_initial"] in manifest["migrations"]

    # Only the portal's own user may read what holds every person's data.
    assert dump.stat().st_mode & 0o777 == 0o600
    assert dump.with_suffix(".json").stat().st_mode & 0o777 == 0o600

    call_command("backup_check", dir=tmp_path)
    out = capsys.readouterr().out
    assert "The backup restores and matches its manifest." in out
    scratch = connection.settings_dict["NAME"] + "_restore_check"
    assert f"into {scratch}" in out
    assert not _scratch_exists(scratch)  # cleaned up


def test_the_newest_dump_is_checked_and_old_ones_are_pruned(house, tmp_path):
    for _ in range(3):
        backups.backup_create(directory=tmp_path, keep=2)
    dumps = sorted(tmp_path.glob("*.dump"))
    assert len(dumps) == 2 and len(list(tmp_path.glob("*.json"))) == 2
    assert backups.latest_dump(tmp_path) == dumps[-1]


def test_a_count_that_does_not_match_fails_the_check(house, tmp_path):
    dump = backups.backup_create(directory=tmp_path)
    manifest_path = dump.with_suffix(".json")
    manifest = json.loads(manifest_path.read_text())
    manifest["tables"]["accounts_user"] = 4
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(CommandError, match="accounts_user: 3 rows restored, 4 dumped"):
        call_command("backup_check", dump=dump)


def test_a_damaged_dump_fails_the_check(house, tmp_path):
    dump = backups.backup_create(directory=tmp_path)
    data = dump.read_bytes()
    dump.write_bytes(data[: len(data) // 2])
    with pytest.raises(CommandError, match="checksum"):
        call_command("backup_check", dir=tmp_path)
    # Without its manifest, the restore itself fails, and says so.
    dump.with_suffix(".json").unlink()
    with pytest.raises(CommandError, match="pg_restore failed"):
        call_command("backup_check", dir=tmp_path)
    assert not _scratch_exists(connection.settings_dict["NAME"] + "_restore_check")


def test_a_dump_missing_a_migration_of_this_code_fails_the_check(house, tmp_path):
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'ontmoeting' AND name = '0001_initial' "
            "RETURNING applied"
        )
        applied = cursor.fetchone()[0]
    try:
        dump = backups.backup_create(directory=tmp_path)
    finally:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO django_migrations (app, name, applied) "
                "VALUES ('ontmoeting', '0001_initial', %s)",
                [applied],
            )
    with pytest.raises(CommandError, match=r"not applied in the dump: ontmoeting\.0001_initial"):
        call_command("backup_check", dump=dump)


def test_the_live_database_is_never_the_scratch_one(tmp_path):
    dump = backups.backup_create(directory=tmp_path)
    with pytest.raises(CommandError, match="cannot be the live database"):
        call_command("backup_check", dump=dump, scratch_db=connection.settings_dict["NAME"])
    with backups._connect(connection.settings_dict["NAME"]) as live:
        assert live.execute("SELECT count(*) FROM django_migrations").fetchone()[0] > 0


def test_no_dump_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match=r"No \.dump file"):
        call_command("backup_check", dir=tmp_path)
