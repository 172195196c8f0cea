"""Kept values read ahead within one request (huis.core.versioned_cache.read_ahead).

A page reads several kept values one after the other; each cache round trip costs it about a
tenth of a millisecond (issue #30). A request may read them in one round trip ahead. What was
read ahead must never make a page older than reading each value when it is needed: it lives for
one request, is forgotten at every change this process makes, and each entry is taken once.
"""

import pytest
import redis.client
from django.core.signals import request_finished, request_started
from django.urls import reverse

from huis.core.versioned_cache import Cached, bump, read_ahead
from huis.facts.selectors import facts_to_edit
from huis.places.services.lapses import NEXT_LAPSE_KEY as LAPSE
from ontmoeting.services import registration_create
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

SCOPE = "test-read-ahead"


@pytest.fixture
def value(monkeypatch):
    """A kept value of these tests only: declared in a copy of the registry, so the cache guard's
    tour (tests/core/test_versioned_cache.py) never looks for it."""
    from huis.core import versioned_cache

    monkeypatch.setattr(versioned_cache, "VALUES", dict(versioned_cache.VALUES))
    return Cached("test:read-ahead", scopes=(SCOPE,), timeout=60)


@pytest.fixture
def commands(monkeypatch):
    """The Redis commands sent, as (name, keys) — what each round trip asked for."""
    sent: list[tuple[str, list[str]]] = []
    original = redis.client.Redis.execute_command

    def execute(self, *args, **options):
        sent.append((str(args[0]).upper(), [str(a) for a in args[1:]]))
        return original(self, *args, **options)

    monkeypatch.setattr(redis.client.Redis, "execute_command", execute)
    return sent


@pytest.fixture
def in_a_request():
    """As between Django's request_started and request_finished."""
    request_started.send(sender=None)
    yield
    request_finished.send(sender=None)


def _reads_of(sent, name: str) -> list[list[str]]:
    return [keys for command, keys in sent if any(f"cached:{name}:" in k for k in keys)]


def test_a_logged_in_page_reads_the_person_and_the_house_facts_in_one_round_trip(
    client, visitor, commands
):
    client.force_login(visitor)
    mine = reverse("ontmoeting:mine")
    assert client.get(mine).status_code == 200  # both are kept now
    commands.clear()
    assert client.get(mine).status_code == 200
    person = _reads_of(commands, "accounts:user")
    facts = _reads_of(commands, "house-facts")
    assert len(person) == 1 and person == facts, commands
    # The page asks whether an offer of a place lapsed: that small entry comes along too.
    lapse = [keys for _command, keys in commands if any(LAPSE in k for k in keys)]
    assert lapse == person


def test_mijn_activiteiten_reads_the_cache_three_times(client, visitor, redis_round_trips):
    """The session; the person with the house's facts and the lapse check; the kept cards."""
    registration_create(activity=ActivityFactory(capacity=5), actor=visitor, user=visitor)
    client.force_login(visitor)
    mine = reverse("ontmoeting:mine")
    client.get(mine)
    redis_round_trips[0] = 0
    assert client.get(mine).status_code == 200
    assert redis_round_trips[0] == 3


def test_a_change_of_the_house_facts_shows_on_the_next_logged_in_page(client, visitor):
    client.force_login(visitor)
    mine = reverse("ontmoeting:mine")
    client.get(mine)
    facts = facts_to_edit()
    facts.name = "Huis met nog meer kamers"
    facts.save()
    assert "Huis met nog meer kamers" in client.get(mine).text


def test_nothing_is_read_ahead_outside_a_request(value, redis_round_trips):
    redis_round_trips[0] = 0
    read_ahead((value, ("outside",)))
    assert redis_round_trips[0] == 0


def test_values_read_ahead_are_read_in_one_round_trip(value, in_a_request, redis_round_trips):
    value.get_or_set("a", compute=lambda: "A")
    value.get_or_set("b", compute=lambda: "B")
    request_started.send(sender=None)  # a new request: nothing read yet
    redis_round_trips[0] = 0
    read_ahead((value, ("a",)), (value, ("b",)))
    assert value.get_or_set("a", compute=lambda: "new") == "A"
    assert value.get_or_set("b", compute=lambda: "new") == "B"
    assert redis_round_trips[0] == 1


def test_a_change_made_in_the_request_forgets_what_was_read_ahead(value, in_a_request):
    value.get_or_set("changed", compute=lambda: "old")
    request_started.send(sender=None)
    read_ahead((value, ("changed",)))
    bump(SCOPE)  # this request changes the data the value is made of
    assert value.get_or_set("changed", compute=lambda: "new") == "new"


def test_an_entry_read_ahead_is_taken_once(value, in_a_request):
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    read_ahead((value, ("once",)))  # not kept yet: read ahead as missing
    assert value.get_or_set("once", compute=compute) == 1
    # Kept by the first read; the second finds it in the cache, not the missing entry read ahead.
    assert value.get_or_set("once", compute=compute) == 1
    assert computed == [1]


def test_what_one_request_read_ahead_is_not_seen_by_the_next(value, in_a_request):
    value.get_or_set("next", compute=lambda: "old")
    read_ahead((value, ("next",)))
    request_finished.send(sender=None)
    request_started.send(sender=None)
    # Another process changed it between the two requests (its bump reached the cache only).
    from django.core.cache import cache

    cache.incr(f"pagecache:version:{SCOPE}")
    assert value.get_or_set("next", compute=lambda: "new") == "new"
