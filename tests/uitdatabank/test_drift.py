"""The nightly check: what UiTdatabank holds for the next 60 days against the portal."""

import pytest

from tests.factories import ActivityFactory
from uitdatabank import services
from uitdatabank.models import Publication

from .conftest import sweep

pytestmark = pytest.mark.django_db


def test_drift_is_found_and_repaired(connected):
    ActivityFactory(category="creatief", title="Kookles")
    ActivityFactory(category="creatief", title="Breien")
    sweep()
    assert services.drift_check() == 0  # all true: nothing to repair
    event = next(e for e in connected.events.values() if e["name"]["nl"] == "Kookles")
    event["name"]["nl"] = "Iets anders"  # changed in UiTdatabank by someone else
    assert services.drift_check() == 1
    sweep()
    assert event["name"]["nl"] == "Kookles"
    assert Publication.objects.filter(last_checked_at__isnull=False).count() == 2


def test_an_event_deleted_at_publiq_is_made_again(connected):
    ActivityFactory(category="creatief")
    sweep()
    connected.events.clear()
    assert services.drift_check() == 1
    sweep()
    assert len(connected.events) == 1


def test_nothing_is_checked_when_not_connected(fake_api):
    assert services.drift_check() == 0
    assert fake_api.requests == []
