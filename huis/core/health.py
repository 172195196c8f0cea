"""Health of what the portal needs to work, for a load balancer or a monitor."""

from django.conf import settings
from django.db import connection
from redis import Redis, RedisError

from . import heartbeat


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def check_redis() -> bool:
    try:
        return bool(Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2).ping())
    except RedisError:
        return False


CHECKS = ("database", "redis", "worker", "beat")


def report(*, only: set[str] | None = None) -> dict:
    """{"status": "ok"|"unhealthy", "database": "ok"|"down", ..., "worker_seen_seconds_ago": 12}.

    Unknown names in `only` are ignored; an empty selection checks everything.
    """
    wanted = [name for name in CHECKS if not only or name in only] or list(CHECKS)
    result: dict = {}
    for name in wanted:
        if name == "database":
            result[name] = "ok" if check_database() else "down"
        elif name == "redis":
            result[name] = "ok" if check_redis() else "down"
        else:
            max_age = (
                settings.HEALTH_WORKER_MAX_AGE
                if name == heartbeat.WORKER
                else settings.HEALTH_BEAT_MAX_AGE
            )
            age = heartbeat.seconds_since(name)
            result[name] = "ok" if age is not None and age <= max_age else "down"
            result[f"{name}_seen_seconds_ago"] = None if age is None else round(age)
    healthy = all(result[name] == "ok" for name in wanted)
    return {"status": "ok" if healthy else "unhealthy", **result}
