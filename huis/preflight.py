"""Checks that PostgreSQL and Redis answer, and creates the database if it is missing.

Run as `python -m huis.preflight` by the set-up scripts. Every problem is one clear line that says
what to do, never a traceback.
"""

import os
import sys

import environ
import psycopg
import redis

START_POSTGRES = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
START_REDIS = "redis-server --daemonize yes --port 6379 --save '' --appendonly no"


def _settings() -> tuple[dict, str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huis.settings")
    from django.conf import settings

    return settings.DATABASES["default"], settings.REDIS_URL


def check_postgres(db: dict) -> str | None:
    """Return a problem line, or None. Creates the database when the server answers without it."""
    params = {
        "host": db.get("HOST") or "127.0.0.1",
        "port": db.get("PORT") or 5432,
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "connect_timeout": 3,
    }
    try:
        with psycopg.connect(dbname=db["NAME"], **params):
            return None
    except psycopg.OperationalError as exc:
        if "does not exist" not in str(exc):
            return (
                f"PostgreSQL does not answer at {params['host']}:{params['port']}: start it "
                f"(`{START_POSTGRES}`) or set DATABASE_URL."
            )
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
            conn.execute(f'CREATE DATABASE "{db["NAME"]}"')
            print(f"Created the database {db['NAME']}.")
    except psycopg.Error as exc:
        return f"Could not create the database {db['NAME']}: {exc}".strip()
    return None


def check_redis(url: str) -> str | None:
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError:
        return f"Redis does not answer at {url}: start it (`{START_REDIS}`) or set REDIS_URL."
    return None


def main() -> int:
    environ.Env.read_env(".env", overwrite=False)
    db, redis_url = _settings()
    problems = [p for p in (check_postgres(db), check_redis(redis_url)) if p]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
