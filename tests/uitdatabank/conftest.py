import datetime as dt
import importlib
import uuid

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache
from django.utils import timezone

from uitdatabank import client, outbox
from uitdatabank.models import Venue

from .fake_api import FakeEntryApi

ORGANIZER = "5a8b2c1e-0000-4000-8000-000000000001"
HOUSE_PLACE = "5a8b2c1e-0000-4000-8000-000000000002"


@pytest.fixture
def fake_api():
    api = FakeEntryApi().start()
    yield api
    api.stop()


@pytest.fixture
def connected(settings, fake_api):
    """The house connected to the fake Entry API, its rooms linked to one UiTdatabank place."""
    settings.UITDATABANK_CLIENT_ID = fake_api.client_id
    settings.UITDATABANK_CLIENT_SECRET = fake_api.client_secret
    settings.UITDATABANK_API_URL = fake_api.url
    settings.UITDATABANK_TOKEN_URL = fake_api.url + "/oauth/token"
    settings.UITDATABANK_SEARCH_URL = fake_api.url
    settings.UITDATABANK_ORGANIZER_ID = ORGANIZER
    settings.UITDATABANK_TIMEOUT = 5
    settings.UITDATABANK_RETRY_DELAYS = [30, 120, 600]
    cache.delete(client.TOKEN_KEY)
    # The kinds table as the migration seeds it (a transactional test elsewhere may have
    # emptied the tables).
    importlib.import_module("uitdatabank.migrations.0002_seed_terms").seed(django_apps, None)
    importlib.import_module("uitdatabank.migrations.0005_facility_terms").seed(django_apps, None)
    Venue.objects.get_or_create(key="house", defaults={"place_id": HOUSE_PLACE, "name": "Huis"})
    yield fake_api
    cache.delete(client.TOKEN_KEY)
    assert fake_api.invalid == [], "a request body did not match publiq's schemas"


def sweep(*, later: float = 0) -> int:
    """What the beat task does, `later` seconds from now (delays and backoff become due)."""
    return outbox.send_due(now=timezone.now() + dt.timedelta(seconds=later))


def new_uuid() -> str:
    return str(uuid.uuid4())
