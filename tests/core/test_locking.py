"""The one lock helper: rows locked in a fixed order, and a held lock answers "busy", not a hang."""

import threading
import time

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation

from huis.accounts.models import Organisation
from huis.core.errors import Busy, DomainError
from huis.core.locking import lock, lock_rows
from tests.factories import OrganisationFactory


@pytest.mark.django_db(transaction=True)
@override_settings(LOCK_TIMEOUT_MS=300)
def test_a_held_lock_gives_busy_within_the_timeout_not_a_hung_worker():
    organisation = OrganisationFactory()
    held, release = threading.Event(), threading.Event()

    def holder():
        try:
            with transaction.atomic():
                lock(Organisation.objects, organisation.pk)
                held.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    assert held.wait(10)
    started = time.monotonic()
    try:
        with pytest.raises(Busy) as refused, transaction.atomic():
            lock(Organisation.objects, organisation.pk)
    finally:
        release.set()
        thread.join(10)
    waited = time.monotonic() - started
    assert 0.25 <= waited < 3, waited
    assert isinstance(refused.value, DomainError)
    with translation.override("nl"):
        assert "Probeer het zo meteen opnieuw" in str(refused.value.message)
    # Once the holder is done, the same lock is taken at once.
    with transaction.atomic():
        assert lock(Organisation.objects, organisation.pk).pk == organisation.pk


@pytest.mark.django_db(transaction=True)
def test_rows_are_locked_in_primary_key_order_so_two_lockers_never_deadlock():
    first, second = OrganisationFactory(), OrganisationFactory()
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def locker(order):
        try:
            barrier.wait(5)
            for _ in range(20):
                with transaction.atomic():
                    rows = lock_rows(Organisation.objects.all(), order)
                    assert [row.pk for row in rows] == sorted(order)
        except BaseException as error:  # a deadlock would surface here
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=locker, args=([first.pk, second.pk],)),
        threading.Thread(target=locker, args=([second.pk, first.pk],)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []


@pytest.mark.django_db(transaction=True)
def test_locking_outside_a_transaction_is_a_programming_error():
    organisation = OrganisationFactory()
    with pytest.raises(RuntimeError):
        lock_rows(Organisation.objects.all(), [organisation.pk])
    with transaction.atomic(), pytest.raises(Organisation.DoesNotExist):
        lock(Organisation.objects, organisation.pk + 1000)
