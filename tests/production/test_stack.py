"""The production configuration, started for real on this machine (slow: about a minute).

DJANGO_ENV=production with a generated secret key and DEBUG off, static files collected with the
manifest storage, two gunicorn workers, two Celery workers, exactly one beat (a second one stops
itself), the real PostgreSQL test database and this checkout's Redis database, and an SMTP sink.
A guest signs up over HTTP (CSRF included, as behind the TLS proxy: X-Forwarded-Proto: https);
the confirmation and the reminder each arrive exactly once. Then one worker is killed in the middle
of a batch, and later the other is stopped the normal way (warm shutdown, as in a restart) in the
middle of another: no message is lost, none is sent twice. Every wait is bounded; every process
stops.
"""

import http.client
import json
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.parse
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
import redis
from django.conf import settings
from django.utils import timezone

from huis.notifications.models import Notification
from huis.notifications.services import notification_schedule
from huis.places.models import PlaceClaim
from tests.factories import ActivityFactory
from tests.notifications.harness import (
    CELERY,
    ROOT,
    Process,
    SmtpSink,
    database_url,
    free_port,
    wait_until,
)

pytestmark = [
    pytest.mark.production,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(600),
]

GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PREFIX = "huis-prod-stack"
GUEST_NAME = "Mirte Zonnebloem"
GUEST_EMAIL = "mirte.zonnebloem@example.org"


def _forget_queue() -> None:
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")
    for key in client.scan_iter(f"{PREFIX}:*"):
        client.delete(key)


# Each worker's sweep runs on this many connections side by side, as in production.
SWEEP_THREADS = 4


class Stack:
    """The production processes of one test, each in its own process group."""

    def __init__(self, tmp_path, *, sinks: dict[str, SmtpSink]):
        self.tmp_path = tmp_path
        self.port = free_port()
        self.processes: list[Process] = []
        self.env = {
            k: v
            for k, v in __import__("os").environ.items()
            if k not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_CURRENT_TEST"}
        } | {
            "DJANGO_ENV": "production",
            "DJANGO_SETTINGS_MODULE": "huis.settings",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "SECURE_SSL_REDIRECT": "false",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{self.port}",
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "CACHE_KEY_PREFIX": PREFIX,
            "STATIC_ROOT": str(tmp_path / "static"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "EMAIL_URL": sinks["a"].url,
            "LOG_LEVEL": "INFO",
            "PYTHONUNBUFFERED": "1",
            "NOTIFICATIONS_SWEEP_SECONDS": "1",
            "NOTIFICATIONS_SWEEP_THREADS": str(SWEEP_THREADS),
            "HEARTBEAT_SECONDS": "2",
            "HEALTH_WORKER_MAX_AGE": "30",
            "HEALTH_BEAT_MAX_AGE": "30",
            "CELERY_VISIBILITY_TIMEOUT": "10",
            "WEB_CONCURRENCY": "2",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
        }

    def release(self) -> None:
        """What a release runs before the processes start (Procfile's release line)."""
        for args in (["migrate", "--noinput"], ["collectstatic", "--noinput", "-v", "0"]):
            result = subprocess.run(
                [sys.executable, "manage.py", *args],
                cwd=ROOT,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=300,
            )
            assert result.returncode == 0, result.stdout + result.stderr

    def start(self, name: str, args: list[str], *, ready: str | None = None, **env) -> Process:
        process = Process(args, env=self.env | env, log=self.tmp_path / f"{name}.log", ready=ready)
        self.processes.append(process)
        return process

    def web(self) -> Process:
        return self.start("web", [GUNICORN, "-c", "gunicorn.conf.py", "huis.wsgi"])

    def worker(self, name: str, **env) -> Process:
        args = [CELERY, "-A", "huis", "worker", "--concurrency=1", f"--hostname={name}@%h"]
        return self.start(name, [*args, "--without-gossip", "--without-mingle"], **env)

    def beat(self, name: str = "beat") -> Process:
        schedule = self.tmp_path / f"{name}-schedule"
        return self.start(name, [CELERY, "-A", "huis", "beat", f"--schedule={schedule}"])

    def stop(self) -> None:
        for process in self.processes:
            process.stop()


class Browser:
    """A small HTTP client that behaves like a browser behind the TLS proxy: it keeps cookies
    (also the Secure ones: the proxy speaks https to the visitor) and sends Origin and Referer."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}
        self.origin = f"https://127.0.0.1:{port}"

    def request(self, method: str, path: str, form: dict | None = None, **headers):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {
            "X-Forwarded-Proto": "https",
            "Accept-Language": "nl-BE,nl",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            **headers,
        }
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers |= {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": self.origin,
                "Referer": self.origin + path,
            }
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response, text

    def get(self, path: str, **headers):
        return self.request("GET", path, **headers)

    def post(self, path: str, form: dict, **headers):
        return self.request("POST", path, form, **headers)


def _health(browser: Browser) -> dict:
    try:
        response, text = browser.get("/healthz")
    except OSError:
        return {}
    return {"code": response.status, **json.loads(text)} if text.startswith("{") else {}


def _due_rows(count: int, prefix: str) -> list[Notification]:
    later = timezone.now() + timedelta(days=1)
    for i in range(count):
        notification_schedule(
            key=f"{prefix}:{i}",
            kind="test_message",
            context={"name": f"Persoon {i}"},
            email=f"persoon{i}@example.org",
            due_at=later,
        )
    rows = Notification.objects.filter(key__startswith=f"{prefix}:")
    rows.update(due_at=timezone.now(), send_after=timezone.now())
    return list(rows.order_by("pk"))


def _delivered(sinks: dict[str, SmtpSink]):
    total = sinks["a"].handler.references()
    total.update(sinks["b"].handler.references())
    return total


def _all_sent(rows) -> bool:
    pks = [r.pk for r in rows]
    return Notification.objects.filter(pk__in=pks, status="sent").count() == len(rows)


def test_the_production_stack_delivers_exactly_once_and_survives_a_killed_worker(tmp_path):
    _forget_queue()
    with SmtpSink() as sink_a, SmtpSink() as sink_b:
        sinks = {"a": sink_a, "b": sink_b}
        stack = Stack(tmp_path, sinks=sinks)
        try:
            stack.release()
            web = stack.web()
            steady = stack.worker("steady")
            # The worker that will be killed hands its mail to its own sink, so the test knows
            # when it is in the middle of handing over a message.
            doomed = stack.worker("doomed", EMAIL_URL=sink_b.url)
            beat = stack.beat()
            browser = Browser(stack.port)
            wait_until(
                lambda: _health(browser).get("code") == 200,
                timeout=120,
                message="the stack did not become healthy:\n" + web.output()[-3000:],
            )
            health = _health(browser)
            assert {k: health[k] for k in ("database", "redis", "worker", "beat")} == dict.fromkeys(
                ("database", "redis", "worker", "beat"), "ok"
            )
            # Both of the shipped configuration's workers boot; on a busy machine the second may
            # come a moment after the first has answered the health check.
            wait_until(
                lambda: web.output().count("Booting worker") >= 2,
                timeout=60,
                message="the second web worker did not boot:\n" + web.output()[-3000:],
            )
            assert web.output().count("Booting worker") == 2

            # A second beat refuses to run next to the first.
            second = stack.beat("second-beat")
            wait_until(lambda: second.popen.poll() is not None, timeout=60)
            assert second.popen.returncode != 0
            assert "Another beat is running" in second.output()

            # --- A guest signs up over HTTP --------------------------------------------------
            # Tomorrow, a little later than now: the reminder (24 hours before) is due in 30 s.
            activity = ActivityFactory(
                title="Schilderatelier",
                starts_at=timezone.now() + timedelta(hours=24, seconds=30),
                ends_at=timezone.now() + timedelta(hours=26),
            )
            page_path = activity.get_absolute_url()
            response, page = browser.get(page_path)
            assert response.status == 200, page[:500]
            assert response.getheader("Strict-Transport-Security")
            request_id = response.getheader("X-Request-ID")
            assert request_id
            # Static files have hashed names and are cached for good.
            css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page)
            assert css, "no hashed stylesheet in the page"
            static, _ = browser.get(css.group(1))
            assert static.status == 200
            assert "immutable" in static.getheader("Cache-Control")
            # No /media/ route at all.
            assert browser.get("/media/x.pdf")[0].status == 404

            sign_up = f"/agenda/{activity.pk}-{activity.slug}/inschrijven/"
            form = {"name": GUEST_NAME, "email": GUEST_EMAIL}
            rejected, _ = browser.post(sign_up, form)
            assert rejected.status == 403  # no CSRF token: refused
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
            response, _ = browser.post(sign_up, {**form, "csrfmiddlewaretoken": token})
            assert response.status == 302, response.status
            post_request_id = response.getheader("X-Request-ID")
            # The guest lands on "you are signed up; your own link is in your mail" (the same
            # answer whether or not the address was signed up already).
            signed_up_path = response.getheader("Location")
            assert signed_up_path == f"/agenda/{activity.pk}-{activity.slug}/ingeschreven/"
            response, signed_up = browser.get(signed_up_path)
            assert response.status == 200 and "Schilderatelier" in signed_up

            claim = PlaceClaim.objects.get(offering_id=activity.offering_id)
            assert claim.status == "confirmed" and claim.email == GUEST_EMAIL
            confirmation = Notification.objects.get(
                key__startswith=f"ontmoeting:confirmed:{claim.pk}"
            )
            reminder = Notification.objects.get(key=f"reminder-24h:registration:{claim.pk}")
            assert reminder.due_at > timezone.now()  # not sent with the confirmation

            wait_until(lambda: _all_sent([confirmation, reminder]), timeout=120)
            # Let beat sweep a few more times: nothing goes out again.
            sweeps = beat.output().count("notifications.send_due")
            wait_until(lambda: beat.output().count("notifications.send_due") >= sweeps + 3)
            time.sleep(1)
            delivered = _delivered(sinks)
            assert delivered[str(confirmation.pk)] == 1
            assert delivered[str(reminder.pk)] == 1
            to_guest = [
                m for s in sinks.values() for m in s.handler.messages if m["To"] == GUEST_EMAIL
            ]
            assert len(to_guest) == 2
            # The private link in the confirmation opens the guest's own sign-up.
            body = next(
                part.get_payload(decode=True).decode()
                for part in to_guest[0].walk()
                if part.get_content_type() == "text/plain"
            )
            link = re.search(r"https?://\S+/agenda/inschrijving/\S+/", body).group(0)
            response, manage = browser.get(urlsplit(link).path)
            assert response.status == 200 and "Schilderatelier" in manage

            # --- One worker killed in the middle of a batch -------------------------------
            # Each worker sweeps on several connections. It is killed when every one of them
            # waits on the slow server with a message half handed over: none is between the
            # server's "accepted" and marking its row sent (that gap is at-least-once by design).
            sink_a.handler.rcpt_delay = sink_b.handler.rcpt_delay = 1.0
            baseline_b = len(sink_b.handler.messages)
            rows = _due_rows(48, "batch")
            wait_until(lambda: len(sink_b.handler.messages) >= baseline_b + 2, timeout=90)
            wait_until(lambda: sink_b.handler.waiting == SWEEP_THREADS, timeout=30, interval=0.01)
            doomed.kill()  # SIGKILL while it waits on the mail server: nothing half sent
            assert not _all_sent(rows)
            wait_until(lambda: _all_sent(rows), timeout=120, message=steady.output()[-3000:])
            time.sleep(2)
            delivered = _delivered(sinks)
            assert {str(r.pk): delivered[str(r.pk)] for r in rows} == {str(r.pk): 1 for r in rows}
            # The steady worker did its part of the batch after the other one died.
            assert len(sink_a.handler.messages) > 0

            # --- A worker stopped the normal way (a restart for a new release) ------------
            baseline_a = len(sink_a.handler.messages)
            more = _due_rows(12, "restart")
            wait_until(lambda: len(sink_a.handler.messages) >= baseline_a + 2, timeout=90)
            steady.popen.send_signal(signal.SIGTERM)  # warm shutdown, as systemd (KillMode=mixed)
            steady.popen.wait(timeout=120)
            stack.worker("replacement")
            wait_until(lambda: _all_sent(more), timeout=120)
            time.sleep(2)
            delivered = _delivered(sinks)
            assert {str(r.pk): delivered[str(r.pk)] for r in more} == {str(r.pk): 1 for r in more}
        finally:
            stack.stop()
            _forget_queue()

    # --- The logs: JSON lines, with request ids, and nothing personal ---------------------
    outputs = {p.log.stem: p.output() for p in stack.processes}
    for name, text in outputs.items():
        assert GUEST_EMAIL not in text, name
        assert GUEST_NAME not in text and "Zonnebloem" not in text, name
    # Every line gunicorn and Django wrote is one JSON object.
    web_lines = [json.loads(line) for line in outputs["web"].splitlines() if line.strip()]
    assert "127.0.0.1" not in outputs["web"]
    routes = {(line.get("route"), line.get("status"), line.get("request_id")) for line in web_lines}
    assert ("agenda/<int:pk>-<slug:slug>/inschrijven/", 302, post_request_id) in routes
    assert any(line.get("request_id") == request_id for line in web_lines)
    # The confirmation was queued during the sign-up: its task's lines carry the same id.
    worker_text = outputs["steady"] + outputs["doomed"]
    assert post_request_id in worker_text
    # Every process stopped.
    assert all(p.popen.poll() is not None for p in stack.processes)
