"""Trust tests: the browser fixtures are shared (tests/conftest.py); a worker and beat count as
alive, so /healthz answers 200 like every other public page (its 503 is tested in tests/production).
"""

import pytest


@pytest.fixture(autouse=True)
def worker_and_beat_alive(clean_cache, settings):
    from huis.core import heartbeat

    # A crawl of every page as every role takes minutes on a busy machine: the heartbeats
    # recorded at its start must not age out halfway (the ages are tested in tests/production).
    settings.HEALTH_WORKER_MAX_AGE = settings.HEALTH_BEAT_MAX_AGE = 24 * 60 * 60

    heartbeat.record(heartbeat.WORKER)
    heartbeat.record(heartbeat.BEAT)
