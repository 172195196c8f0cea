"""Heartbeats of the background processes, kept in Redis, read by /healthz.

- The worker: every task a worker finishes records "worker seen" (and beat schedules a small
  heartbeat task every HEARTBEAT_SECONDS, so an idle worker is seen too).
- Beat: every message the beat process publishes records "beat seen". Only the beat process
  records it: the web processes publish tasks too, and they prove nothing about beat.

The keys expire, so a process that stopped long ago leaves no stale "ok" behind.

Exactly one beat: beat takes a lock in Redis when it starts and renews it whenever it publishes
(at least every HEARTBEAT_SECONDS). A second beat, started by mistake on another machine, finds
the lock taken and stops at once; a beat that lost its lock to another one stops too.
"""

import atexit
import contextlib
import logging
import os
import secrets
import signal
import socket
import time

from django.conf import settings
from redis import Redis, RedisError

WORKER = "worker"
BEAT = "beat"

_in_beat = False
_beat_token = ""
logger = logging.getLogger(__name__)

# Renew only our own lock (compare and set): an expired lock taken by another beat is theirs.
_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('expire', KEYS[1], ARGV[2])
end
if redis.call('set', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then return 1 end
return 0
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


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


# --- The one beat ----------------------------------------------------------------------------


class BeatAlreadyRunning(SystemExit):
    pass


def beat_lock_holder() -> str | None:
    value = _client().get(_key("beat-lock"))
    return value.decode() if value else None


def beat_lock_renew(token: str) -> bool:
    """Take or keep the lock for `token`. False when another beat holds it."""
    seconds = int(settings.BEAT_LOCK_SECONDS)
    return bool(_client().eval(_RENEW, 1, _key("beat-lock"), token, seconds))


def beat_lock_release(token: str) -> None:
    with contextlib.suppress(RedisError):
        _client().eval(_RELEASE, 1, _key("beat-lock"), token)


# --- Celery signal handlers (connected in huis/celery.py) -------------------------------------


def _left_behind(holder: str | None) -> bool:
    """A lock of a beat on this machine that is gone (crashed, killed, or this very process
    restarted in a container): no need to wait for it to expire."""
    if not holder:
        return False
    host, _, rest = holder.partition(":")
    pid = rest.partition(":")[0]
    if host != socket.gethostname() or not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def on_beat_init(**kwargs) -> None:
    global _in_beat, _beat_token
    token = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
    holder = beat_lock_holder()
    if _left_behind(holder):
        beat_lock_release(holder)
    if not beat_lock_renew(token):
        holder = beat_lock_holder()
        logger.critical(
            "Another beat is running (%s). Run exactly one beat; this one stops.", holder
        )
        raise BeatAlreadyRunning(2)
    _beat_token = token
    _in_beat = True
    atexit.register(beat_lock_release, token)
    record(BEAT)


def on_task_published(**kwargs) -> None:
    if not _in_beat:
        return
    record(BEAT)
    try:
        kept = beat_lock_renew(_beat_token)
    except RedisError:
        return  # Redis away: nothing is published either; try again next time
    if not kept:
        logger.critical("Another beat took over the schedule; this one stops.")
        os.kill(os.getpid(), signal.SIGTERM)


def on_task_done(**kwargs) -> None:
    record(WORKER)
