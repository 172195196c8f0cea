"""Issue #20, item 2, on the production stack (gunicorn with two workers, a Celery worker, the real
PostgreSQL and Redis): two data downloads asked for at the same moment and two slow queries leave
the public agenda answering normally.

Before, the download was built in the web request (about 30 s for a partner worker's data): two at
once held both gunicorn workers and the agenda waited half a minute. Now the request only queues
the work; a slow query is cancelled after the web statement timeout and answers the busy page.
"""

import re
import threading
import time

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.test import override_settings

from huis.accounts.models import DataExport
from tests import factories
from tests.core.test_statement_timeout import TableLock
from tests.factories import ActivityFactory, UserFactory
from tests.notifications.harness import SmtpSink, wait_until

from .test_stack import GUNICORN, Browser, Stack, _forget_queue

pytestmark = [
    pytest.mark.production,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(600),
]

WEB_STATEMENT_TIMEOUT_MS = 2000


def _logged_in(stack: Stack, user) -> Browser:
    """A browser with a session of `user`, signed with the stack's own secret key."""
    with override_settings(SECRET_KEY=stack.env["SECRET_KEY"]):
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "huis.accounts.authz.CachedModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
    browser = Browser(stack.port)
    browser.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return browser


def _status(browser: Browser, path: str) -> int:
    try:
        return browser.get(path)[0].status
    except OSError:
        return 0


def test_two_downloads_and_slow_queries_leave_the_agenda_answering(tmp_path):
    _forget_queue()
    ActivityFactory(title="Schilderatelier")
    factories.TestimonyFactory(published=True, title="Mijn weg")
    people = [UserFactory(display_name=f"Persoon {n}") for n in range(2)]
    with SmtpSink() as sink:
        stack = Stack(tmp_path, sinks={"a": sink, "b": sink})
        try:
            stack.release()
            web = stack.start(
                "web",
                [GUNICORN, "-c", "gunicorn.conf.py", "huis.wsgi"],
                WEB_STATEMENT_TIMEOUT_MS=str(WEB_STATEMENT_TIMEOUT_MS),
            )
            stack.worker("worker")
            anonymous = Browser(stack.port)
            wait_until(
                lambda: _status(anonymous, "/agenda/") == 200,
                timeout=120,
                message="the web did not start:\n" + web.output()[-3000:],
            )

            browsers = [_logged_in(stack, person) for person in people]
            tokens = []
            for browser in browsers:
                response, page = browser.get("/profiel/mijn-gegevens/")
                assert response.status == 200, page[:300]
                tokens.append(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1])

            results: dict[str, list] = {"ask": [], "slow": [], "agenda": []}
            done = threading.Event()

            def ask(browser: Browser, token: str) -> None:
                started = time.monotonic()
                response, _ = browser.post(
                    "/profiel/mijn-gegevens/maken/", {"csrfmiddlewaretoken": token}
                )
                results["ask"].append((response.status, time.monotonic() - started))

            def slow() -> None:
                started = time.monotonic()
                response, text = Browser(stack.port).get("/verhalen/")
                results["slow"].append((response.status, time.monotonic() - started, text))

            def agenda() -> None:
                while not done.is_set():
                    started = time.monotonic()
                    status = _status(Browser(stack.port), "/agenda/")
                    results["agenda"].append((status, time.monotonic() - started))
                    time.sleep(0.2)

            with TableLock("beeldvorming_testimony"):
                watcher = threading.Thread(target=agenda)
                watcher.start()
                asking = zip(browsers, tokens, strict=True)
                threads = [threading.Thread(target=ask, args=pair) for pair in asking]
                threads += [threading.Thread(target=slow) for _ in range(2)]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(timeout=60)
                time.sleep(1)
                done.set()
                watcher.join(timeout=30)

            # Asking for a download is quick: the work is queued, not done in the request.
            assert [status for status, _ in results["ask"]] == [302, 302]
            assert max(seconds for _, seconds in results["ask"]) < 5, results["ask"]
            # The slow pages answered the busy page after the statement timeout, not hung.
            for status, seconds, text in results["slow"]:
                assert status == 503 and "Het is even heel druk" in text
                assert seconds < WEB_STATEMENT_TIMEOUT_MS / 1000 + 5, seconds
            # The agenda answered all along, each time within a few seconds.
            assert results["agenda"] and all(s == 200 for s, _ in results["agenda"])
            assert max(seconds for _, seconds in results["agenda"]) < 6, results["agenda"]

            # The worker made both files; each is for its owner only.
            wait_until(
                lambda: DataExport.objects.filter(status="ready").count() == 2,
                timeout=180,
                message="the downloads were not made",
            )
            for person, browser, other in zip(people, browsers, reversed(browsers), strict=True):
                export = DataExport.objects.get(user=person)
                path = f"/profiel/mijn-gegevens/bestand/{export.pk}/"
                response, _ = browser.get(path)
                assert response.status == 200
                assert response.getheader("Content-Type") == "application/zip"
                assert "no-store" in response.getheader("Cache-Control")
                assert other.get(path)[0].status == 404
        finally:
            stack.stop()
            _forget_queue()
