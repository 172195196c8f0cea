"""Heartbeats of the background processes, kept in Redis, read by /healthz.

- The worker: every task a worker finishes records "worker seen" (and beat schedules a small
  heartbeat task every HEARTBEAT_SECONDS, so an idle worker is seen too).
- Beat: every message the beat process publishes records "beat seen". Only the beat process
  records it: the web processes publish tasks too, and they prove nothing about beat.

The keys expire, so a process that stopped long ago leaves no stale "ok" behind.
"""

import contextlib
import time

from django.conf import settings
from redis import Redis, RedisError

WORKER = "worker"
BEAT = "beat"

_in_beat = False


def _client() -> Redis:
    return Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)


def _key(kind: str) -> str:
    return f"{settings.CACHES['default'].get('KEY_PREFIX', 'huis')}:heartbeat:{kind}"


def record(kind: str, *, now: float | None = None) -> None:
    ttl = int(max(settings.HEALTH_WORKER_MAX_AGE, settings.HEALTH_BEAT_MAX_AGE) * 10)
    # When Redis is down /healthz says so on its own; the task or beat goes on.
    with contextlib.suppress(RedisError):
        _client().set(_key(kind), repr(now if now is not None else time.time()), ex=ttl)


def seconds_since(kind: str) -> float | None:
    """Seconds since the process was last seen; None when never (or not for a long time)."""
    try:
        value = _client().get(_key(kind))
    except RedisError:
        return None
    if value is None:
        return None
    return max(0.0, time.time() - float(value))


def forget(kind: str) -> None:
    _client().delete(_key(kind))


# --- Celery signal handlers (connected in huis/celery.py) -------------------------------------


def on_beat_init(**kwargs) -> None:
    global _in_beat
    _in_beat = True
    record(BEAT)


def on_task_published(**kwargs) -> None:
    if _in_beat:
        record(BEAT)


def on_task_done(**kwargs) -> None:
    record(WORKER)
