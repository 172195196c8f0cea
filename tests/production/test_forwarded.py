"""Behind the shipped proxy every visitor is their own visitor, through real gunicorn in production
mode (issue #20, item 6; slow: about a minute).

gunicorn listens on 127.0.0.1, as behind deploy/nginx/huis.conf; this test speaks to it the way that
nginx does: from 127.0.0.1, with X-Forwarded-For ending in the visitor's address
(`$proxy_add_x_forwarded_for`) and X-Forwarded-Proto: https. TRUSTED_PROXIES names 127.0.0.1.
One visitor who signs up again and again, each time with a forged address of their own in front,
meets the limit (10 a minute); a second visitor at the same time still gets through.
"""

import re
from types import SimpleNamespace

import pytest
import redis
from django.conf import settings

from tests.factories import ActivityFactory
from tests.notifications.harness import wait_until

from .test_stack import Browser, Stack

pytestmark = [
    pytest.mark.production,
    pytest.mark.django_db(transaction=True),
    pytest.mark.timeout(600),
]

PREFIX = "huis-prod-forwarded"
VISITOR = "81.82.83.84"
NEIGHBOUR = "81.82.83.85"


def _ready(browser: Browser) -> bool:
    try:
        response, _ = browser.get("/healthz?only=database,redis")
    except OSError:
        return False
    return response.status == 200


def _sign_up(browser: Browser, path: str, n: int, forwarded: str) -> int:
    _, page = browser.get(path, **{"X-Forwarded-For": forwarded})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"name": f"Bezoeker {n}", "email": f"bezoeker{n}@example.org"}
    response, _ = browser.post(
        f"{path}inschrijven/",
        {**form, "csrfmiddlewaretoken": token},
        **{"X-Forwarded-For": forwarded},
    )
    return response.status


def test_rate_limits_count_each_visitor_behind_the_proxy_and_forged_headers_do_not_help(
    tmp_path,
):
    store = redis.Redis.from_url(settings.REDIS_URL)
    for key in store.scan_iter(f"{PREFIX}:*"):
        store.delete(key)
    stack = Stack(tmp_path, sinks={"a": SimpleNamespace(url="consolemail://")})
    stack.env |= {"CACHE_KEY_PREFIX": PREFIX, "TRUSTED_PROXIES": "127.0.0.1/32,::1/128"}
    try:
        stack.release()
        web = stack.web()
        visitor, neighbour = Browser(stack.port), Browser(stack.port)
        wait_until(
            lambda: _ready(visitor),
            timeout=120,
            message="gunicorn did not start:\n" + web.output()[-3000:],
        )
        activity = ActivityFactory(capacity=100, title="Wandelen")
        path = activity.get_absolute_url()
        # 22 tries: the limit's window may turn over once during them (django-ratelimit counts
        # per fixed window), so at most 20 get through; honoured forged addresses would let all in.
        statuses = [_sign_up(visitor, path, n, f"198.51.100.{n}, {VISITOR}") for n in range(22)]
        assert statuses[:10] == [302] * 10, statuses
        assert 429 in statuses and statuses.count(302) <= 20, statuses
        assert _sign_up(neighbour, path, 99, NEIGHBOUR) == 302
    finally:
        stack.stop()
