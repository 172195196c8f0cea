"""A web request never waits long on the database: a slow query is cancelled after the web
statement timeout and the person gets a plain "busy, try again" page (503), while the Celery
worker and management commands keep no limit. Gunicorn kills a worker stuck anyway."""

import json
import os
import runpy
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.urls import reverse

from tests import factories

ROOT = Path(__file__).resolve().parents[2]


class TableLock:
    """Another session holds a table locked, as a long report or a stuck migration would."""

    def __init__(self, table: str):
        self.table = table
        self.locked = threading.Event()
        self.release = threading.Event()

    def _hold(self) -> None:
        params = connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        with psycopg.connect(**params) as other, other.transaction():
            other.execute(f'LOCK TABLE "{self.table}" IN ACCESS EXCLUSIVE MODE')
            self.locked.set()
            self.release.wait(timeout=30)

    def __enter__(self) -> "TableLock":
        self.thread = threading.Thread(target=self._hold)
        self.thread.start()
        assert self.locked.wait(timeout=10)
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self.thread.join(timeout=10)


@pytest.mark.django_db(transaction=True)
def test_a_slow_query_answers_a_busy_page_in_time_instead_of_holding_the_worker(client, caplog):
    factories.TestimonyFactory(published=True, title="Mijn weg")
    # What gunicorn's workers get on every connection (settings.py, HUIS_WEB_PROCESS).
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 400")
    try:
        with TableLock("beeldvorming_testimony"):
            started = time.monotonic()
            response = client.get(reverse("verhalen:list"))
            waited = time.monotonic() - started
        assert response.status_code == 503
        assert waited < 5, waited
        assert response["Retry-After"] == "30" and "no-store" in response["Cache-Control"]
        assert "Het is even heel druk" in response.text and "try again" in response.text
        assert any("cancelled" in r.getMessage() for r in caplog.records)
        # The worker is free again at once: the next request is answered normally.
        assert client.get(reverse("verhalen:list")).status_code == 200
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET statement_timeout = 0")


PROBE = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps(settings.DATABASES["default"]["OPTIONS"].get("options", "")))
"""


def _options(**env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "HUIS_WEB_PROCESS"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "huis.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_timeout_is_for_web_processes_only():
    assert _options(HUIS_WEB_PROCESS="1") == "-c statement_timeout=5000"
    assert _options(HUIS_WEB_PROCESS="1", WEB_STATEMENT_TIMEOUT_MS="2000").endswith("=2000")
    # A Celery worker or a management command: no limit.
    assert _options() == ""


def test_gunicorn_marks_its_workers_and_replaces_a_stuck_one():
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert "HUIS_WEB_PROCESS=1" in config["raw_env"]
    # Longer than the statement timeout (a busy page still gets out), far shorter than before.
    assert 5 < config["timeout"] <= 20
