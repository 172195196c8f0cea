"""Behind the shipped proxy every visitor is still their own visitor (issue #20, item 6).

The test client's requests come from 127.0.0.1, like nginx's; nginx appends the visitor's address
to X-Forwarded-For. The rate limits and the audit log must count that visitor, and a client that
writes its own X-Forwarded-For must not get around a limit. Through real gunicorn in production
mode: tests/production/test_forwarded.py.
"""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse

from huis.audit.models import AuditEntry
from huis.core.client_address import resolve, trusted_networks
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

VISITOR = "81.82.83.84"
NEIGHBOUR = "81.82.83.85"


def _sign_up(client, url, n: int, forwarded: str, **extra) -> int:
    data = {"name": f"Bezoeker {n}", "email": f"bezoeker{n}@test.example"}
    return client.post(url, data, HTTP_X_FORWARDED_FOR=forwarded, **extra).status_code


@pytest.fixture
def sign_up_url(db):
    activity = ActivityFactory(capacity=200)
    return reverse("ontmoeting:sign_up", args=[activity.pk, activity.slug])


def test_behind_the_proxy_each_visitor_has_their_own_limit(
    sign_up_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first = [_sign_up(Client(), sign_up_url, n, VISITOR) for n in range(11)]
        neighbour = _sign_up(Client(), sign_up_url, 99, NEIGHBOUR)
    assert first == [302] * 10 + [429]
    assert neighbour == 302  # the rest of the house is not locked out by one visitor


def test_a_forged_forwarded_header_does_not_get_around_the_limit(
    sign_up_url, django_capture_on_commit_callbacks
):
    # The client writes an address of its own choosing each time; nginx appends the real one.
    with django_capture_on_commit_callbacks(execute=False):
        statuses = [
            _sign_up(Client(), sign_up_url, n, f"198.51.100.{n}, {VISITOR}") for n in range(12)
        ]
    assert statuses == [302] * 10 + [429] * 2


def test_a_client_that_is_not_our_proxy_is_never_believed(
    sign_up_url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        statuses = [
            _sign_up(Client(), sign_up_url, n, f"198.51.100.{n}", REMOTE_ADDR=VISITOR)
            for n in range(11)
        ]
    assert statuses == [302] * 10 + [429]


def test_the_audit_log_records_the_visitor_not_the_proxy(client, visitor):
    client.force_login(visitor)
    forged = f"10.9.8.7, {VISITOR}"
    response = client.post(reverse("accounts:export_request"), HTTP_X_FORWARDED_FOR=forged)
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(actor=visitor).latest("pk")
    assert entry.ip_address == VISITOR


def test_several_proxies_of_our_own_are_all_skipped(rf, settings):
    settings.HUIS_TRUSTED_PROXIES = ["127.0.0.1/32", "10.0.0.0/24"]
    # A load balancer (10.0.0.5) in front of nginx: it appended the visitor, nginx appended it.
    request = rf.get("/", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {VISITOR}, 10.0.0.5")
    assert resolve(request) == VISITOR
    # Without the balancer in the list, the balancer is the visitor: never the forged address.
    settings.HUIS_TRUSTED_PROXIES = ["127.0.0.1/32"]
    assert resolve(request) == "10.0.0.5"
    # No proxies trusted at all: the peer itself.
    settings.HUIS_TRUSTED_PROXIES = []
    assert resolve(request) == "127.0.0.1"


def test_garbage_in_the_header_falls_back_to_the_peer(rf):
    for header in ("", "unknown", "not an address", ",,,"):
        assert resolve(rf.get("/", HTTP_X_FORWARDED_FOR=header)) == "127.0.0.1"
    request = rf.get("/", HTTP_X_FORWARDED_FOR=f"garbage, {VISITOR}")
    assert resolve(request) == VISITOR


def test_a_typo_in_the_setting_stops_the_start():
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        trusted_networks(["127.0.0.1/32", "10.0.0.300/24"])


def test_a_request_without_forwarded_header_is_its_peer_even_from_a_trusted_proxy(settings, rf):
    # The fast path (issue #30): nothing to read, the peer is the visitor.
    settings.HUIS_TRUSTED_PROXIES = ["127.0.0.1/32"]
    assert resolve(rf.get("/", REMOTE_ADDR="127.0.0.1")) == "127.0.0.1"
    assert resolve(rf.get("/", REMOTE_ADDR="198.51.100.7")) == "198.51.100.7"
    # A changed setting is read again (the parsed networks are kept per value).
    forwarded = {"REMOTE_ADDR": "10.0.0.5", "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    assert resolve(rf.get("/", **forwarded)) == "10.0.0.5"
    settings.HUIS_TRUSTED_PROXIES = ["127.0.0.1/32", "10.0.0.0/24"]
    assert resolve(rf.get("/", **forwarded)) == "203.0.113.9"
