"""Real processes for the outbox tests: an SMTP sink in this process, Celery workers and beat as
subprocesses on the pytest database and the test Redis database."""

import asyncio
import email
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

from aiosmtpd.controller import Controller
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SinkHandler:
    """Records every accepted message. `rcpt_delay` makes the server slow before it takes the
    message, so a worker killed during that wait has handed nothing over."""

    def __init__(self, *, rcpt_delay: float = 0.0):
        self.rcpt_delay = rcpt_delay
        self.messages: list[email.message.Message] = []
        self.lock = threading.Lock()
        # How many senders wait in RCPT right now: their message is half handed over. A worker
        # sweeps on several connections at once, so "one started" is not "one is waiting now".
        self.waiting = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        envelope.rcpt_tos.append(address)
        if self.rcpt_delay:
            self.waiting += 1  # the server's one event loop thread: no lock needed
            try:
                await asyncio.sleep(self.rcpt_delay)
            finally:
                self.waiting -= 1
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def references(self) -> Counter:
        with self.lock:
            return Counter(m["X-Huis-Notification"] for m in self.messages)


class SmtpSink:
    def __init__(self, *, rcpt_delay: float = 0.0):
        self.handler = SinkHandler(rcpt_delay=rcpt_delay)
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> "SmtpSink":
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] or "postgres"
    if db["PASSWORD"]:
        auth += f":{db['PASSWORD']}"
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def process_env(**extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DJANGO_ENV": "test",
        "DJANGO_SETTINGS_MODULE": "huis.settings",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(extra)
    return env


class Process:
    """A subprocess in its own process group, so a kill takes its children with it."""

    def __init__(self, args: list[str], *, env: dict[str, str], log: Path, ready: str | None):
        self.log = log
        self.ready = ready
        self.handle = open(log, "ab")  # noqa: SIM115 (closed in stop)
        self.popen = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=self.handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ready is None or self.ready in self.output():
                return
            if self.popen.poll() is not None:
                raise RuntimeError(f"process exited early:\n{self.output()}")
            time.sleep(0.2)
        raise TimeoutError(f"process not ready:\n{self.output()}")

    def kill(self) -> None:
        """SIGKILL the whole group: no shutdown, no acknowledgements, no cleanup."""
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=30)

    def stop(self) -> None:
        if self.popen.poll() is None:
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()
        self.handle.close()


class Processes:
    """Starts workers and beat for one test and ends every one of them afterwards."""

    def __init__(self, tmp_path: Path):
        self.tmp_path = tmp_path
        self.started: list[Process] = []

    def worker(self, name: str, *, concurrency: int = 1, **env: str) -> Process:
        process = Process(
            [
                CELERY,
                "-A",
                "huis",
                "worker",
                "--pool=prefork",
                f"--concurrency={concurrency}",
                f"--hostname={name}@%h",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            env=process_env(**env),
            log=self.tmp_path / f"{name}.log",
            ready="ready.",
        )
        self.started.append(process)
        process.wait_ready()
        return process

    def beat(self, **env: str) -> Process:
        process = Process(
            [
                CELERY,
                "-A",
                "huis",
                "beat",
                "--loglevel=INFO",
                f"--schedule={self.tmp_path / 'beat-schedule'}",
            ],
            env=process_env(**env),
            log=self.tmp_path / "beat.log",
            ready=None,
        )
        self.started.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.started:
            process.stop()


def wait_until(condition, *, timeout: float = 60, interval: float = 0.2, message: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(message or "condition not reached in time")
