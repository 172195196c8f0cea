"""Migration 0005: the walk-in open hours move into the house's opening hours (huis.facts), once.

A period the house's hours already cover is not added again; a walk-in count keeps its session's
times. Runs the real migrations on the test database (transactional: it migrates back and forth).
"""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from huis.facts.models import OpeningPeriod
from ontmoeting.models import WalkInTally

BEFORE = [("ontmoeting", "0004_walk_in_sessions"), ("facts", "0002_seed_house_facts")]


@pytest.mark.django_db(transaction=True)
def test_open_hours_become_the_houses_opening_periods_without_doubles():
    executor = MigrationExecutor(connection)
    after = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Period = old.get_model("facts", "OpeningPeriod")
    OpenHours = old.get_model("ontmoeting", "OpenHours")
    Tally = old.get_model("ontmoeting", "WalkInTally")
    Period.objects.all().delete()
    Period.objects.create(weekday=1, opens_at=dt.time(13, 30), closes_at=dt.time(17))
    covered = OpenHours.objects.create(weekday=1, opens_at=dt.time(14), closes_at=dt.time(17))
    OpenHours.objects.create(weekday=3, opens_at=dt.time(10), closes_at=dt.time(13))
    OpenHours.objects.create(weekday=4, opens_at=dt.time(9), closes_at=dt.time(10), is_active=False)
    Tally.objects.create(open_hours=covered, date=dt.date(2026, 3, 3), count=12)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)

    periods = list(OpeningPeriod.objects.values_list("weekday", "opens_at", "closes_at"))
    assert periods == [
        (1, dt.time(13, 30), dt.time(17)),  # the house's own, not doubled by 14:00-17:00
        (3, dt.time(10), dt.time(13)),  # walk-in hours the house did not have yet
    ]  # hours no longer in use are not moved
    tally = WalkInTally.objects.get()
    assert (tally.date, tally.opens_at, tally.closes_at, tally.count) == (
        dt.date(2026, 3, 3),
        dt.time(14),
        dt.time(17),
        12,
    )
