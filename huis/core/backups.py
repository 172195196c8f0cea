"""Database backups that are known to restore.

`backup_create` writes a pg_dump custom-format file and, next to it, a manifest: the row count of
every table and the applied migrations, read in the very snapshot pg_dump dumps (an exported
snapshot), so the counts describe exactly what is in the file. `backup_check` restores the newest
dump into a scratch database on the same server and checks it against the manifest and the code:
every table there, every row count equal, every migration of this code applied.

Only the PostgreSQL client tools are used (pg_dump, pg_restore); nothing is restored over the live
database, and the scratch database is dropped afterwards.
"""

import datetime as dt
import hashlib
import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from psycopg import sql

SUFFIX = ".dump"


class BackupError(Exception):
    pass


@dataclass
class CheckResult:
    dump: Path
    scratch: str
    tables: int = 0
    rows: int = 0
    migrations: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _db() -> dict:
    return connections["default"].settings_dict


def _client_env() -> dict[str, str]:
    db = _db()
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _client_args(dbname: str) -> list[str]:
    db = _db()
    args = ["--host", db.get("HOST") or "127.0.0.1", "--port", str(db.get("PORT") or 5432)]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    return [*args, "--dbname", dbname]


def _connect(dbname: str, *, autocommit: bool = True) -> psycopg.Connection:
    db = _db()
    return psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        dbname=dbname,
        autocommit=autocommit,
    )


def _tables(cursor) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    return [row[0] for row in cursor.fetchall()]


def _counts(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table)))
        counts[table] = cursor.fetchone()[0]
    return counts


def _applied(cursor) -> list[list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [list(row) for row in cursor.fetchall()]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def backup_create(*, directory: Path, keep: int = 0) -> Path:
    """Dump the database into `directory`; returns the dump's path. With `keep`, only the newest
    `keep` dumps (and their manifests) stay."""
    # A dump holds every person's data: only the portal's own user may read it.
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    previous_umask = os.umask(0o077)
    try:
        return _dump_into(directory, keep)
    finally:
        os.umask(previous_umask)


def _dump_into(directory: Path, keep: int) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    dump = directory / f"huis-{stamp}{SUFFIX}"
    partial = dump.with_suffix(".partial")
    dbname = _db()["NAME"]
    # The counts and pg_dump read the same snapshot: the transaction that exported it stays open
    # until pg_dump is done.
    with _connect(dbname, autocommit=False) as conn, conn.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = _tables(cursor)
        counts = _counts(cursor, tables)
        migrations = _applied(cursor)
        result = subprocess.run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={partial}",
                *_client_args(dbname),
            ],
            env=_client_env(),
            capture_output=True,
            text=True,
            timeout=60 * 60,
        )
        conn.rollback()
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
    partial.rename(dump)
    manifest = {
        "dump": dump.name,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "sha256": _sha256(dump),
        "tables": counts,
        "migrations": migrations,
    }
    dump.with_suffix(".json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
    if keep > 0:
        for old in sorted(directory.glob(f"huis-*{SUFFIX}"))[:-keep]:
            old.unlink()
            old.with_suffix(".json").unlink(missing_ok=True)
    return dump


def latest_dump(directory: Path) -> Path:
    dumps = sorted(directory.glob(f"*{SUFFIX}"), key=lambda p: (p.stat().st_mtime, p.name))
    if not dumps:
        raise BackupError(f"No {SUFFIX} file in {directory}.")
    return dumps[-1]


def _code_migrations() -> set[tuple[str, str]]:
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def _model_tables() -> set[str]:
    return set(connections["default"].introspection.django_table_names(include_views=False))


def backup_check(*, dump: Path, scratch: str | None = None, keep_scratch: bool = False):
    """Restore `dump` into a scratch database and check it. Returns a CheckResult; the caller
    decides what a problem means (the command fails)."""
    live = _db()["NAME"]
    scratch = scratch or f"{live}_restore_check"
    if scratch == live:
        raise BackupError("The scratch database cannot be the live database.")
    result = CheckResult(dump=dump, scratch=scratch)
    manifest_path = dump.with_suffix(".json")
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else None
    if manifest is None:
        result.problems.append(f"No manifest ({manifest_path.name}): row counts cannot be checked.")
    elif manifest.get("sha256") != _sha256(dump):
        result.problems.append("The dump's checksum differs from its manifest: the file changed.")
        return result

    with _connect("postgres") as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(scratch)))
        admin.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(scratch))
        )
    try:
        restore = subprocess.run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *_client_args(scratch),
                str(dump),
            ],
            env=_client_env(),
            capture_output=True,
            text=True,
            timeout=60 * 60,
        )
        if restore.returncode != 0:
            result.problems.append(f"pg_restore failed: {restore.stderr.strip()[:2000]}")
            return result
        with _connect(scratch) as conn, conn.cursor() as cursor:
            tables = _tables(cursor)
            counts = _counts(cursor, tables)
            result.tables, result.rows = len(tables), sum(counts.values())
            has_migrations = "django_migrations" in tables
            applied = {tuple(m) for m in _applied(cursor)} if has_migrations else set()
            result.migrations = len(applied)
        for table in sorted(_model_tables() - set(tables)):
            result.problems.append(f"Table {table} of this code is missing.")
        if manifest is not None:
            for table, expected in sorted(manifest["tables"].items()):
                if table not in counts:
                    result.problems.append(f"Table {table} is in the manifest but not restored.")
                elif counts[table] != expected:
                    result.problems.append(
                        f"Table {table}: {counts[table]} rows restored, {expected} dumped."
                    )
            if {tuple(m) for m in manifest["migrations"]} != applied:
                result.problems.append("The restored migrations differ from the manifest.")
        missing = sorted(_code_migrations() - applied)
        if missing:
            names = ", ".join(f"{app}.{name}" for app, name in missing[:10])
            result.problems.append(
                f"{len(missing)} migration(s) of this code not applied in the dump: {names}."
            )
        return result
    finally:
        if not keep_scratch:
            with _connect("postgres") as admin:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(scratch)
                    )
                )
