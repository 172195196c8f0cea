"""The one versioned cache (huis.core.versioned_cache).

The guard: on the demo house, every cached value is computed with the real code (the pages that
show it, visited with an empty cache) while the tables it reads are recorded; every one of those
tables must be watched by one of the value's scopes, so a change of any row a cached value is made
of shows on the next view. A new cached value the tour does not reach fails the guard too. The
public pages kept whole for anonymous visitors (huis.core.pagecache) are checked the same way
against the scopes they are cached under.
"""

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ervaringsdeskundigen.models import ExpertRequest
from herstelacademie.models import Course
from huis.accounts.models import User
from huis.core import versioned_cache
from huis.core.tasks import build_report_task
from huis.core.versioned_cache import Cached, recording, unwatched
from huis.places.models import PlaceClaim
from huis.rooms.models import Room
from kwartiermaken.models import Neighbourhood
from ontmoeting.models import Activity

pytestmark = pytest.mark.django_db


def _client(email: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(email=email))
    return client


def _tour() -> None:
    """The pages that show every cached value, with the cache empty and for several people."""
    coordinator = _client("coordinator@huis.example")
    statuses = ("new", "proposed", "confirmed", "done", "evaluated", "declined")
    for status in statuses:
        request = ExpertRequest.objects.filter(status=status).order_by("pk").first()
        if request is not None:
            url = reverse("ervaringsdeskundigen:request_detail", args=[request.pk])
            assert coordinator.get(url).status_code == 200, status
    inbox = reverse("ervaringsdeskundigen:inbox")
    for query in ({}, {"status": "new"}):
        assert coordinator.get(inbox, query).status_code == 200
    board = reverse("ervaringsdeskundigen:board")
    for view in ("week", "maand"):
        assert coordinator.get(board, {"weergave": view}).status_code == 200
    for name in ("vrijwilligers:board_week", "vrijwilligers:board_month"):
        assert coordinator.get(reverse(name)).status_code == 200
    overview = reverse("kwartiermaken:overview")
    neighbourhood = Neighbourhood.objects.first()
    for email in ("coordinator@huis.example", "partner@huis.example"):
        client = _client(email)
        for query in ({}, {"jaar": "alle"}, {"wijk": neighbourhood.pk, "soort": "street"}):
            assert client.get(overview, query).status_code == 200
    # The yearly report: every function's section, made by the worker, then opened at once.
    year = timezone.localdate().year
    build_report_task(f"{year}-01-01", f"{year}-12-31", "nl")
    assert coordinator.get(reverse("core:report"), {"jaar": year}).status_code == 200
    # What is coming, as the publishing list shows it.
    assert coordinator.get(reverse("uitdatabank:publications")).status_code == 200
    # A visitor's own sign-ups ("mijn activiteiten"), kept per person.
    signed_up = PlaceClaim.objects.filter(
        user__isnull=False, offering_id__in=Activity.objects.values("offering_id")
    ).exclude(status__in=["cancelled", "lapsed"])
    visitor = User.objects.get(pk=signed_up.order_by("pk").values_list("user_id", flat=True)[0])
    client = Client()
    client.force_login(visitor)
    assert client.get(reverse("ontmoeting:mine")).status_code == 200
    _public_tour()


# The public pages cached whole (cached_page), by view name: the tour must reach every one.
CACHED_PAGES = {
    "page:ontmoeting:home",
    "page:ontmoeting:activity",
    "page:herstelacademie:home",
    "page:herstelacademie:course",
}


def _public_tour() -> None:
    """Every page of huis.core.pagecache, as an anonymous visitor, with and without filters."""
    anonymous = Client()
    agenda = reverse("ontmoeting:home")
    for query in ({}, {"places_left": "on", "q": "koffie"}):
        assert anonymous.get(agenda, query).status_code == 200
    upcoming = Activity.objects.filter(status="published", ends_at__gt=timezone.now())
    activity = upcoming.exclude(offering__capacity__isnull=True).order_by("starts_at").first()
    assert activity is not None
    assert anonymous.get(activity.get_absolute_url()).status_code == 200
    catalogue = reverse("herstelacademie:home")
    assert anonymous.get(catalogue).status_code == 200
    course = Course.objects.filter(status="published").order_by("pk").first()
    assert course is not None
    assert anonymous.get(course.get_absolute_url()).status_code == 200
    # The news (huis.pages): the list and the home page's latest three.
    assert anonymous.get(reverse("pages:news")).status_code == 200


def test_every_table_a_cached_value_reads_has_a_declared_invalidation(settings):
    settings.DEBUG = True  # seed_demo refuses to run without it
    call_command("seed_demo", "--quiet-logins")
    settings.DEBUG = False
    cache.clear()
    with recording() as recorded:
        _tour()
    expected = set(versioned_cache.VALUES) | CACHED_PAGES
    assert set(recorded) == expected, "a cached value or page the tour does not reach"
    assert all(recorded.values())
    assert unwatched(recorded) == {}

    # A declaration left out is caught: the activities' leaders no longer bump "ontmoeting".
    leaders = versioned_cache.WATCHED[Activity.leaders.through._meta.db_table]
    leaders.scopes.discard("ontmoeting")
    try:
        assert unwatched(recorded) == {"page:ontmoeting:activity": ["ontmoeting.Activity_leaders"]}
    finally:
        leaders.scopes.add("ontmoeting")


def test_the_guard_names_a_table_that_nothing_watches(monkeypatch):
    monkeypatch.setattr(versioned_cache, "VALUES", dict(versioned_cache.VALUES))
    rooms = Cached("test:rooms", scopes=("test-rooms",), timeout=60)
    Room.objects.create(name="Zaal", slug="zaal", capacity=10)
    with recording() as recorded:
        names = rooms.get_or_set(compute=lambda: list(Room.objects.values_list("name", flat=True)))
    assert names == ["Zaal"]
    assert unwatched(recorded) == {"test:rooms": ["rooms.Room"]}
    versioned_cache.watch(Room, scopes=["test-rooms"], bumped_by="this test")
    try:
        assert unwatched(recorded) == {}
    finally:
        del versioned_cache.WATCHED[Room._meta.db_table]


def test_a_value_is_served_until_one_of_its_scopes_is_bumped(monkeypatch):
    monkeypatch.setattr(versioned_cache, "VALUES", dict(versioned_cache.VALUES))
    value = Cached("test:count", scopes=("test-a", "test-b"), timeout=60)
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert value.get_or_set("x", compute=compute) == 1
    assert value.get_or_set("x", compute=compute) == 1
    assert value.get_or_set("y", compute=compute) == 2  # other parts, another value
    versioned_cache.bump("test-b")
    assert value.get_or_set("x", compute=compute) == 3
    cache.clear()  # the versions lost: never an old value back
    assert value.get_or_set("x", compute=compute) == 4


def test_a_new_release_of_the_code_reads_none_of_the_old_values(monkeypatch):
    monkeypatch.setattr(versioned_cache, "VALUES", dict(versioned_cache.VALUES))
    value = Cached("test:shape", scopes=("test-a",), timeout=60, code=("huis.core.dates",))
    assert value.get_or_set(compute=lambda: "old shape") == "old shape"
    assert value.get_or_set(compute=lambda: "new shape") == "old shape"
    versioned_cache.code_version.cache_clear()  # a new process, with changed code:
    real = versioned_cache.Path.read_bytes
    monkeypatch.setattr(versioned_cache.Path, "read_bytes", lambda self: real(self) + b"# new")
    try:
        assert value.get_or_set(compute=lambda: "new shape") == "new shape"
    finally:
        monkeypatch.undo()
        versioned_cache.code_version.cache_clear()


def test_a_value_declared_twice_is_refused(monkeypatch):
    monkeypatch.setattr(versioned_cache, "VALUES", dict(versioned_cache.VALUES))
    Cached("test:twice", scopes=("test-a",), timeout=60)
    with pytest.raises(ValueError, match="declared twice"):
        Cached("test:twice", scopes=("test-a",), timeout=60)


def test_a_bump_of_many_scopes_is_one_round_trip_and_a_lost_version_starts_afresh(
    redis_round_trips,
):
    scopes = ("test-a", "test-b")
    before = dict(zip(scopes, versioned_cache.versions(*scopes), strict=True))
    cache.delete("pagecache:version:test-b")  # evicted
    redis_round_trips[0] = 0
    versioned_cache.bump("test-a", "test-b")  # inside the test's transaction: bumped now
    assert redis_round_trips[0] == 1
    after = dict(zip(scopes, versioned_cache.versions(*scopes), strict=True))
    assert after["test-a"] == before["test-a"] + 1
    # Not counted up from nothing (an old value kept under 1, 2, ... could come back): a
    # value never used before, from the clock.
    assert after["test-b"] > before["test-b"]


def test_a_model_watched_for_several_scopes_bumps_them_all_in_one_round_trip(
    redis_round_trips, django_capture_on_commit_callbacks
):
    from huis.places.models import PlaceClaim
    from tests.places.test_places import make_offering, sign_up

    scopes = ("report-ontmoeting", "report-herstelacademie", "vrijwilligers-board")
    watched = versioned_cache.WATCHED[PlaceClaim._meta.db_table].scopes
    assert set(scopes) <= watched, watched
    claim = sign_up(make_offering(), 1)
    before = versioned_cache.versions(*sorted(watched))
    redis_round_trips[0] = 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        claim.save(update_fields=["attendance"])
    # Once now, once when the transaction commits: each a single round trip for every scope.
    assert redis_round_trips[0] == 2
    assert len(callbacks) == 1
    after = versioned_cache.versions(*sorted(watched))
    assert all(a == b + 2 for a, b in zip(after, before, strict=True)), (before, after)
