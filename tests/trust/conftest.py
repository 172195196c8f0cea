"""Trust tests: the browser fixtures are shared (tests/conftest.py); a worker and beat count as
alive, so /healthz answers 200 like every other public page (its 503 is tested in tests/production).
"""

import pytest


@pytest.fixture(autouse=True)
def worker_and_beat_alive(clean_cache):
    from huis.core import heartbeat

    heartbeat.record(heartbeat.WORKER)
    heartbeat.record(heartbeat.BEAT)
