"""/healthz: database, Redis, a worker and beat seen recently; 200 or 503 with JSON."""

import subprocess
import time

import pytest
from celery import signals

from huis.core import heartbeat
from huis.core.tasks import heartbeat_task

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_heartbeats():
    for kind in (heartbeat.WORKER, heartbeat.BEAT, "beat-lock"):
        heartbeat.forget(kind)
    yield
    for kind in (heartbeat.WORKER, heartbeat.BEAT, "beat-lock"):
        heartbeat.forget(kind)
    heartbeat._in_beat = False


def test_all_seen_recently_is_200_with_every_check(client):
    heartbeat.record(heartbeat.WORKER)
    heartbeat.record(heartbeat.BEAT, now=time.time() - 20)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"].startswith("max-age=0")
    body = response.json()
    assert body["status"] == "ok"
    assert {k: body[k] for k in ("database", "redis", "worker", "beat")} == dict.fromkeys(
        ("database", "redis", "worker", "beat"), "ok"
    )
    assert body["worker_seen_seconds_ago"] <= 2
    assert 19 <= body["beat_seen_seconds_ago"] <= 23


def test_no_worker_ever_seen_is_503(client):
    heartbeat.record(heartbeat.BEAT)
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unhealthy"
    assert body["worker"] == "down" and body["worker_seen_seconds_ago"] is None
    assert body["beat"] == "ok" and body["database"] == "ok"


def test_beat_seen_too_long_ago_is_503(client, settings):
    settings.HEALTH_BEAT_MAX_AGE = 60
    heartbeat.record(heartbeat.WORKER)
    heartbeat.record(heartbeat.BEAT, now=time.time() - 61)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["beat"] == "down"
    assert 61 <= response.json()["beat_seen_seconds_ago"] <= 65


def test_a_load_balancer_may_ask_only_what_a_web_process_needs(client):
    response = client.get("/healthz?only=database,redis")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}
    # Unknown names are ignored rather than reported healthy.
    assert client.get("/healthz?only=nonsense").status_code == 503


def test_redis_down_is_503_and_heartbeats_count_as_unknown(client, settings):
    heartbeat.record(heartbeat.WORKER)
    heartbeat.record(heartbeat.BEAT)
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["redis"] == "down" and body["worker"] == "down" and body["beat"] == "down"


def test_the_heartbeat_task_records_the_worker():
    heartbeat_task.apply()
    assert heartbeat.seconds_since(heartbeat.WORKER) < 5


def test_only_the_beat_process_records_beat_when_it_publishes():
    # A web process publishing a task proves nothing about beat.
    signals.before_task_publish.send(sender="core.heartbeat", headers={}, body=None)
    assert heartbeat.seconds_since(heartbeat.BEAT) is None
    signals.beat_init.send(sender=None)
    heartbeat.forget(heartbeat.BEAT)
    signals.before_task_publish.send(sender="core.heartbeat", headers={}, body=None)
    assert heartbeat.seconds_since(heartbeat.BEAT) < 5


def test_beat_schedules_the_heartbeat_often_enough(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["core-heartbeat"]
    assert entry["task"] == "core.heartbeat"
    assert entry["schedule"] * 3 <= settings.HEALTH_WORKER_MAX_AGE


@pytest.mark.allow_logged_errors  # the second beat says loudly why it stops
def test_a_second_beat_stops_at_once_and_the_first_keeps_the_schedule(settings):
    settings.BEAT_LOCK_SECONDS = 30
    first = "web-2.huis.internal:4242:0a1b2c3d"  # a beat on another machine
    assert heartbeat.beat_lock_renew(first)
    with pytest.raises(heartbeat.BeatAlreadyRunning):
        signals.beat_init.send(sender=None)
    assert heartbeat.beat_lock_holder() == first
    assert heartbeat._in_beat is False
    # The first renews its own lock; releasing needs the right token.
    assert heartbeat.beat_lock_renew(first)
    heartbeat.beat_lock_release("someone-else")
    assert heartbeat.beat_lock_holder() == first
    heartbeat.beat_lock_release(first)
    assert heartbeat.beat_lock_holder() is None
    # Now this one may run.
    signals.beat_init.send(sender=None)
    assert heartbeat.beat_lock_holder() == heartbeat._beat_token
    heartbeat.beat_lock_release(heartbeat._beat_token)


def test_a_lock_left_by_a_beat_that_died_on_this_machine_is_taken_over(settings):
    import socket

    dead = subprocess.Popen(["true"])
    dead.wait()
    heartbeat.beat_lock_renew(f"{socket.gethostname()}:{dead.pid}:abcd1234")
    signals.beat_init.send(sender=None)
    assert heartbeat.beat_lock_holder() == heartbeat._beat_token
    heartbeat.beat_lock_release(heartbeat._beat_token)
