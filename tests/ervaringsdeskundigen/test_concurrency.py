"""Eight experts press "accept" at the same moment for a request that wants two.

Real threads, each with its own database connection, against PostgreSQL. With the row lock on
the request exactly two are accepted; the control run replaces the lock with a plain read and
shows that the test catches the race.
"""

import threading
import time

import pytest
from django.db import connection

from ervaringsdeskundigen import services
from ervaringsdeskundigen.models import Assignment, ExpertRequest
from ervaringsdeskundigen.services import workflow

from .factories import AssignmentFactory, ExpertFactory, ExpertRequestFactory

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def _race() -> tuple[int, list[str]]:
    request = ExpertRequestFactory(status="proposed", experts_wanted=2)
    assignments = [
        AssignmentFactory(request=request, expert=ExpertFactory(), status="proposed")
        for _ in range(THREADS)
    ]
    barrier = threading.Barrier(THREADS)
    outcomes: list[str] = []

    def press(assignment: Assignment) -> None:
        try:
            barrier.wait()
            services.assignment_accept(assignment=assignment, actor=assignment.expert.user)
            outcomes.append("accepted")
        except services.ExpertsError:
            outcomes.append("refused")
        except BaseException as exc:  # anything else is a bug the test must show
            outcomes.append(f"error: {exc!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(a,)) for a in assignments]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    accepted = Assignment.objects.filter(request=request, status="accepted").count()
    return accepted, outcomes


def test_simultaneous_acceptances_never_exceed_the_number_wanted():
    accepted, outcomes = _race()
    assert accepted == 2
    assert sorted(outcomes) == ["accepted"] * 2 + ["refused"] * (THREADS - 2)


def test_control_run_without_the_lock_accepts_too_many(monkeypatch):
    def no_lock(request: ExpertRequest) -> ExpertRequest:
        fresh = ExpertRequest.objects.get(pk=request.pk)
        time.sleep(0.3)  # every thread has read before anyone writes
        return fresh

    monkeypatch.setattr(workflow, "_lock", no_lock)
    accepted, _outcomes = _race()
    assert accepted > 2
