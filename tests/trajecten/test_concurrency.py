"""Ten committee members record a decision on the same agenda item at the same moment: exactly one
decision is taken, the others are told it was already decided.

Real threads, each on its own database connection, against PostgreSQL. There are two guards: the
row lock on the application (the threads queue, each later one sees the decision and is refused)
and the database's unique constraint (one decision per agenda item; one final decision per
application). The second run leaves out the lock to show the constraint holds on its own as well:
still exactly one decision, and the refusals are still calm messages, not database errors."""

import threading

import pytest
from django.db import connection

from trajecten import services
from trajecten.models import Decision
from trajecten.services import TrajectenError

pytestmark = pytest.mark.django_db(transaction=True)
THREADS = 10


def _decide_at_once(item, actor, *, lock: bool) -> tuple[list, list, list]:
    start = threading.Barrier(THREADS)
    won: list[str] = []
    refused: list[str] = []
    errors: list[BaseException] = []

    def press(n: int) -> None:
        outcome = "admitted" if n % 2 else "not_admitted"
        try:
            start.wait()
            services.decision_record(
                agenda_item=item, actor=actor, outcome=outcome, reasons=f"Stem {n}", lock=lock
            )
            won.append(outcome)
        except TrajectenError:
            refused.append(outcome)
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return won, refused, errors


def test_one_decision_when_ten_record_at_once(scheduled, coordinator):
    won, refused, errors = _decide_at_once(scheduled, coordinator, lock=True)
    assert errors == []
    assert len(won) == 1 and len(refused) == THREADS - 1
    decision = Decision.objects.get()
    scheduled.application.refresh_from_db()
    assert scheduled.application.status == decision.outcome == won[0]


def test_control_run_without_the_lock_still_never_decides_twice(scheduled, coordinator):
    """Without the lock the checks cannot keep the threads apart; the constraint still does."""
    won, _refused, errors = _decide_at_once(scheduled, coordinator, lock=False)
    assert errors == []
    assert Decision.objects.count() == 1
    assert len(won) == 1
