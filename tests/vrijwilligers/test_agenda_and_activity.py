"""A volunteer's shifts in their own agenda (ontmoeting's "Mijn activiteiten") and an activity's
volunteers on its pages: through huis.core.registry, ontmoeting never imports vrijwilligers."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from huis.core.registry import agenda_entries_for, staff_of
from ontmoeting.services import registration_create
from tests.factories import ActivityFactory, UserFactory
from tests.vrijwilligers import factories as f
from vrijwilligers import services
from vrijwilligers.models import Shift

pytestmark = pytest.mark.django_db


def _activity_shift(actor, activity, *, kind: str, needed: int = 1) -> Shift:
    return services.shift_create(
        data=services.ShiftData(
            title=f"{activity.title}: {kind}",
            kind=kind,
            starts_at=activity.starts_at - dt.timedelta(minutes=30),
            ends_at=activity.ends_at,
            needed=needed,
            for_object=activity,
        ),
        actor=actor,
    )


def _mine(client, user):
    client.force_login(user)
    return client.get(reverse("ontmoeting:mine"))


def test_my_shifts_are_in_my_agenda_with_a_link(client, coordinator):
    anna = f.volunteer("Anna Peeters")
    bram = f.volunteer("Bram Janssens")
    full = f.shift(coordinator, title="Onthaal dinsdag", needed=1, days=3)
    other = f.shift(coordinator, title="Koffie woensdag", days=4)
    past = f.shift(coordinator, title="Onthaal vorige week", days=5)
    services.shift_sign_up(shift=full, volunteer=bram, actor=bram.user)
    services.shift_sign_up(shift=full, volunteer=anna, actor=anna.user)  # waiting list
    services.shift_sign_up(shift=other, volunteer=anna, actor=anna.user)
    services.shift_sign_up(shift=past, volunteer=anna, actor=anna.user)
    f.move_to_past(past, day=dt.date.today() - dt.timedelta(days=7))
    activity = ActivityFactory(title="Klei", capacity=10)
    registration_create(activity=activity, actor=anna.user, user=anna.user)

    response = _mine(client, anna.user)
    assert response.status_code == 200
    entries = response.context["elsewhere"]
    assert [e.title for e in entries] == ["Onthaal dinsdag", "Koffie woensdag"]
    assert [str(e.status) for e in entries] == [  # the house speaks Dutch first
        "Op de wachtlijst voor deze shift.",
        "Je staat op deze shift.",
    ]
    html = response.content.decode()
    assert reverse("vrijwilligers:shift_detail", args=[other.pk]) in html
    assert "Onthaal vorige week" not in html
    # Her sign-up for an activity is still there, and no shift is among the activities' claims.
    assert re.findall(r'<a href="[^"]*">([^<]+)</a>', response.context["mine"].upcoming) == ["Klei"]


def test_a_cancelled_shift_says_so_in_my_agenda(coordinator):
    anna = f.volunteer("Anna Peeters")
    s = f.shift(coordinator, title="Onthaal")
    services.shift_sign_up(shift=s, volunteer=anna, actor=anna.user)
    services.shift_cancel(shift=s, actor=coordinator, reason="Het huis is dicht")
    [entry] = agenda_entries_for(anna.user)
    with override("en"):
        assert str(entry.status) == "Cancelled by the house."


def test_someone_without_shifts_sees_the_usual_empty_agenda(client, visitor):
    response = _mine(client, visitor)
    assert response.context["elsewhere"] == []
    assert "Je bent nog nergens voor ingeschreven." in response.content.decode()


def test_my_agenda_takes_as_many_queries_for_one_shift_as_for_many(client, coordinator):
    anna = f.volunteer("Anna Peeters")

    def count() -> int:
        client.force_login(anna.user)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("ontmoeting:mine")).status_code == 200
        return len(ctx.captured_queries)

    services.shift_sign_up(shift=f.shift(coordinator, days=2), volunteer=anna, actor=anna.user)
    count()  # the first request fills the per-process caches (content types, session)
    small = count()
    for day in range(3, 12):
        s = f.shift(coordinator, days=day)
        services.shift_sign_up(shift=s, volunteer=anna, actor=anna.user)
    assert len(agenda_entries_for(anna.user)) == 10
    count()  # the sign-ups changed the places: the first request after them refills the cache
    assert count() == small


def test_my_agenda_finds_my_shifts_among_the_places_it_read_already(client, coordinator):
    """The page reads a person's places once: the shifts come from them (one query for the
    shifts themselves), and someone without a shift costs the page no query for shifts at all."""
    from ontmoeting.selectors import my_claims

    anna = f.volunteer("Anna Peeters")
    on = f.shift(coordinator, title="Onthaal dinsdag", needed=1, days=3)
    services.shift_sign_up(shift=on, volunteer=anna, actor=anna.user)
    bram = f.volunteer("Bram Janssens")
    services.shift_sign_up(shift=on, volunteer=bram, actor=bram.user)  # waiting list
    services.shift_cancel(shift=f.shift(coordinator, days=4), actor=coordinator, reason="Dicht")
    activity = ActivityFactory(title="Klei", capacity=10)
    registration_create(activity=activity, actor=anna.user, user=anna.user)
    for person in (anna.user, bram.user):
        claims = my_claims(user=person)
        read = agenda_entries_for(person)
        with CaptureQueriesContext(connection) as queries:
            given = agenda_entries_for(person, claims=claims)
        assert given == read and len(given) == 1
        assert len(queries) == 1  # the shifts; the places were given
    # Someone with a place for an activity only: no query for shifts.
    visitor = UserFactory()
    registration_create(activity=activity, actor=visitor, user=visitor)
    claims = my_claims(user=visitor)
    with CaptureQueriesContext(connection) as queries:
        assert agenda_entries_for(visitor, claims=claims) == []
    assert len(queries) == 0


def test_an_activity_names_its_volunteers(client, as_role, coordinator):
    activity = ActivityFactory(title="Samen koken", capacity=10)
    lead = _activity_shift(coordinator, activity, kind="activity_lead", needed=1)
    help_ = _activity_shift(coordinator, activity, kind="activity_help", needed=2)
    anna = f.volunteer("Anna Peeters")
    bram = f.volunteer("Bram Janssens")
    carla = f.volunteer("Carla De Smet")
    url = activity.get_absolute_url()
    assert "Anna" not in client.get(url).content.decode()  # cached for passers-by

    services.shift_sign_up(shift=lead, volunteer=anna, actor=anna.user)
    services.shift_sign_up(shift=lead, volunteer=carla, actor=carla.user)  # waits: not shown
    services.shift_sign_up(shift=help_, volunteer=bram, actor=bram.user)

    with override("en"):
        assert [(p.full_name, str(p.role)) for p in staff_of(activity)] == [
            ("Anna Peeters", "leads"),
            ("Bram Janssens", "helps"),
        ]
    public = client.get(url).content.decode()  # the sign-ups renewed the cached page
    assert "Anna (leidt)" in public and "Bram (helpt)" in public
    assert "Peeters" not in public and "Janssens" not in public and "Carla" not in public

    staff_page = as_role("staff").get(reverse("ontmoeting:staff_activity", args=[activity.pk]))
    html = staff_page.content.decode()
    assert "Anna Peeters (leidt)" in html and "Bram Janssens (helpt)" in html
    assert "Carla" not in html

    services.shift_cancel(shift=lead, actor=coordinator, reason="Anna is ziek")
    public = client.get(url).content.decode()  # the cancelled shift renewed the cached page
    assert "Anna" not in public and "Bram (helpt)" in public


def test_a_reception_shift_or_a_cancelled_shift_names_nobody_on_the_activity(coordinator):
    activity = ActivityFactory(title="Wandeling")
    lead = _activity_shift(coordinator, activity, kind="activity_lead")
    reception = _activity_shift(coordinator, activity, kind="reception")
    anna = f.volunteer("Anna Peeters")
    services.shift_sign_up(shift=reception, volunteer=anna, actor=anna.user)
    services.shift_sign_up(shift=lead, volunteer=anna, actor=anna.user)
    assert [p.first_name for p in staff_of(activity)] == ["Anna"]
    services.shift_cancel(shift=lead, actor=coordinator, reason="Regen")
    assert staff_of(activity) == []
    assert staff_of(ActivityFactory(title="Zonder vrijwilligers")) == []
