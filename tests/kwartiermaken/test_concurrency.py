"""Two coordinators (here ten) decide on the same recommendation at the same moment: exactly one
decision is taken, the others are told it is no longer possible.

Real threads, each on its own database connection, against PostgreSQL. The control run replaces the
row lock with a plain read and lets every thread read before anyone writes: then every thread
"wins", which shows the test catches the race the lock prevents.
"""

import threading
import time

import pytest
from django.db import connection

from huis.audit.models import AuditEntry
from huis.core.locking import lock
from kwartiermaken import services
from kwartiermaken.models import PolicyRecommendation
from kwartiermaken.services import KwartiermakenError, recommendations

from .factories import RecommendationFactory, SignalFactory

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 10


def _decide_at_once(recommendation, coordinator) -> tuple[int, int]:
    start = threading.Barrier(THREADS)
    won: list[str] = []
    refused: list[str] = []
    errors: list[BaseException] = []

    def press(n: int) -> None:
        outcome = "implemented" if n % 2 else "rejected"
        try:
            start.wait()
            services.recommendation_decide(
                recommendation=recommendation, actor=coordinator, outcome=outcome
            )
            won.append(outcome)
        except KwartiermakenError:
            refused.append(outcome)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    decisions = AuditEntry.objects.filter(
        object_id=str(recommendation.pk),
        action__in=[
            "kwartiermaken.recommendation_implemented",
            "kwartiermaken.recommendation_rejected",
        ],
    ).count()
    return len(won), decisions


@pytest.fixture
def sent(coordinator, organisation_a, neighbourhood):
    signal = SignalFactory(organisation=organisation_a, neighbourhood=neighbourhood)
    return RecommendationFactory(signals=[signal], status=PolicyRecommendation.Status.SENT)


def test_one_decision_wins_under_the_row_lock(monkeypatch, sent, coordinator):
    locked_read = lock

    def slow_lock(queryset, pk, **kwargs):
        # Hold the lock a little while, so the others surely arrive while it is held.
        row = locked_read(queryset, pk, **kwargs)
        time.sleep(0.05)
        return row

    monkeypatch.setattr(recommendations, "lock", slow_lock)
    won, decisions = _decide_at_once(sent, coordinator)
    assert (won, decisions) == (1, 1)
    sent.refresh_from_db()
    assert sent.status in {"implemented", "rejected"}


def test_control_without_the_lock_every_thread_decides(monkeypatch, sent, coordinator):
    everyone_read = threading.Barrier(THREADS)

    def plain_read(queryset, pk, **kwargs):
        row = queryset.get(pk=pk)
        everyone_read.wait(timeout=10)
        return row

    monkeypatch.setattr(recommendations, "lock", plain_read)
    won, decisions = _decide_at_once(sent, coordinator)
    assert won == THREADS
    assert decisions == THREADS
