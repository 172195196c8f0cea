"""Health of what the portal needs to work, for a load balancer or a monitor."""

from django.conf import settings
from django.db import connection
from redis import Redis, RedisError


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
