"""A replaced gunicorn worker answers its first request at once (issue #30; slow: about a minute).

The shipped gunicorn.conf.py, in production mode, with one worker that is replaced after every
five requests. The application is loaded exactly once, by the master, before any fork: no
replacement imports the project again (huis/wsgi.py logs each load, with the process id), and the
first page a fresh worker serves takes far less than loading the application took.
"""

import json
import os
import time
from types import SimpleNamespace

import pytest

from tests.notifications.harness import wait_until

from .test_stack import Browser, Stack

pytestmark = [
    pytest.mark.production,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(600),
]

EVERY = 5  # requests per worker


def _records(output: str) -> list[dict]:
    records = []
    for line in output.splitlines():
        if line.startswith("{"):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return records


def _workers(master: int) -> set[int]:
    children = set()
    for task in os.listdir(f"/proc/{master}/task"):
        text = open(f"/proc/{master}/task/{task}/children").read()  # noqa: SIM115
        children |= {int(pid) for pid in text.split()}
    return children


def _timed_get(browser: Browser, path: str) -> float:
    started = time.monotonic()
    response, _ = browser.get(path)
    assert response.status == 200, response.status
    return time.monotonic() - started


def test_a_replaced_worker_answers_its_first_request_without_loading_the_project_again(tmp_path):
    stack = Stack(tmp_path, sinks={"a": SimpleNamespace(url="consolemail://")})
    stack.env |= {
        "CACHE_KEY_PREFIX": "huis-prod-recycling",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_MAX_REQUESTS": str(EVERY),
        "GUNICORN_MAX_REQUESTS_JITTER": "0",
    }
    try:
        stack.release()
        web = stack.web()
        browser = Browser(stack.port)
        master = web.popen.pid
        try:
            wait_until(lambda: _workers(master), timeout=180)
        except AssertionError:
            raise AssertionError("gunicorn did not start:\n" + web.output()[-3000:]) from None
        # No request was sent yet: requests 6, 11 and 16 are each a new worker's first.
        first_worker = _workers(master)
        durations = [_timed_get(browser, "/agenda/") for _ in range(3 * EVERY + 1)]
        seen = set(first_worker)
        wait_until(lambda: _workers(master), timeout=30)
        seen |= _workers(master)

        records = _records(web.output())
        loads = [r for r in records if r.get("message") == "The application is loaded."]
        # Loaded once, by the master; the three replacements were forked from it.
        assert [r["pid"] for r in loads] == [master], loads
        assert any(
            r.get("message") == "The application is warm: workers are forked from it."
            for r in records
        )
        boots = [r for r in records if "Booting worker" in r.get("message", "")]
        assert len(boots) >= 4, [r.get("message") for r in records]
        assert master not in seen
        # The first page of each replacement (requests 6, 11, 16) took far less than the load.
        load_seconds = loads[0]["duration_ms"] / 1000
        firsts = [durations[n] for n in range(EVERY, len(durations), EVERY)]
        assert len(firsts) == 3
        assert max(firsts) < load_seconds / 2, (firsts, load_seconds)
    finally:
        stack.stop()
