"""Races, with real threads on separate database connections against PostgreSQL.

Eight experts press "accept" at the same moment for a request that wants two: with the row lock
on the request exactly two are accepted. Two coordinators approve two reports of one expert at
once: with the lock on the expert the yearly cap holds. Each has a control run without the lock
that shows the test catches the race.
"""

import datetime as dt
import threading
import time
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from ervaringsdeskundigen import services
from ervaringsdeskundigen.models import Assignment
from ervaringsdeskundigen.services import allowance, workflow
from tests.factories import UserFactory

from .factories import AssignmentFactory, ExpertFactory, ExpertRequestFactory, rates

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8
DAILY = Decimal("44.02")
YEARLY = Decimal("1760.83")


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
    def no_lock(queryset, pk, **kwargs):
        fresh = queryset.get(pk=pk)
        time.sleep(0.3)  # every thread has read before anyone writes
        return fresh

    monkeypatch.setattr(workflow, "lock", no_lock)
    _accepted, outcomes = _race()
    # Without the lock every thread counts "nobody accepted yet": more than two experts are told
    # they are on, or the threads trip over each other's rows (a deadlock the database breaks by
    # failing one of them). Either way not the clean "two accepted, six refused" of the lock.
    told_yes = outcomes.count("accepted")
    failed = [o for o in outcomes if o.startswith("error")]
    assert told_yes > 2 or failed, outcomes


def _approval_race() -> Decimal:
    """Two coordinators approve two reports of one expert at the same moment, with room under
    the yearly cap for one day only. Returns what was paid in total."""
    rates()
    expert = ExpertFactory()
    services.allowance_year_update(
        expert=expert, year=2026, actor=expert.user, received_elsewhere=YEARLY - DAILY
    )
    reports = [
        AssignmentFactory(
            expert=expert,
            request=ExpertRequestFactory(
                status="confirmed",
                starts_at=timezone.make_aware(dt.datetime(2026, 5, day, 10)),
            ),
            report_status="reported",
            hours=Decimal("2"),
        )
        for day in (4, 5)
    ]
    coordinator = UserFactory()
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def approve(assignment: Assignment) -> None:
        try:
            barrier.wait()
            services.assignment_approve(assignment=assignment, actor=coordinator, confirm=True)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=approve, args=(a,)) for a in reports]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return sum((a.flat_amount for a in Assignment.objects.filter(expert=expert)), Decimal("0.00"))


def test_simultaneous_approvals_never_cross_the_yearly_cap():
    assert _approval_race() == DAILY


def test_control_run_without_the_expert_lock_pays_above_the_cap(monkeypatch):
    # Without the lock, both coordinators read "room for one day" before either writes. A barrier
    # after each quote makes that interleaving certain: a sleep alone let one thread finish before
    # the other read on a busy machine, and then the control "passed" the cap by luck.
    quote = allowance.allowance_quote
    both_quoted = threading.Barrier(2, timeout=10)

    def no_lock(queryset, pk, **kwargs):
        return queryset.get(pk=pk)

    def quote_then_wait(**kwargs):
        result = quote(**kwargs)
        both_quoted.wait()
        return result

    monkeypatch.setattr(allowance, "lock", no_lock)
    monkeypatch.setattr(allowance, "allowance_quote", quote_then_wait)
    assert _approval_race() == DAILY * 2


def _held(queryset, pk: int):
    """Hold a row lock on another connection until the returned event is set."""
    from django.db import transaction

    from huis.core.locking import lock

    held, release = threading.Event(), threading.Event()

    def holder() -> None:
        try:
            with transaction.atomic():
                lock(queryset, pk)
                held.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    assert held.wait(10)
    return release, thread


def test_a_held_request_answers_busy_kindly_not_a_hung_worker(client, settings, t):
    """Someone else holds the request's row: the coordinator's button answers "try again in a
    moment" (409) within the lock timeout, and nothing changes."""
    from django.urls import reverse

    from ervaringsdeskundigen.models import ExpertRequest
    from huis.accounts.roles import Role

    settings.LOCK_TIMEOUT_MS = 300
    coordinator = UserFactory(roles=[Role.COORDINATOR])
    request = ExpertRequestFactory(status="new")
    client.force_login(coordinator)
    release, thread = _held(ExpertRequest.objects.all(), request.pk)
    started = time.monotonic()
    try:
        response = client.post(reverse("ervaringsdeskundigen:request_take", args=[request.pk]))
    finally:
        release.set()
        thread.join(10)
    assert time.monotonic() - started < 5
    assert response.status_code == 409
    assert t("Someone else is changing this right now. Please try again in a moment.") in (
        response.text
    )
    request.refresh_from_db()
    assert request.status == "new"
    # Once the other is done, the same button works.
    response = client.post(reverse("ervaringsdeskundigen:request_take", args=[request.pk]))
    assert response.status_code == 302


def test_a_held_assignment_keeps_the_experts_report_form_with_a_busy_message(client, settings, t):
    """A form page under a held lock: the form comes back as typed, with the busy message."""
    from django.urls import reverse

    settings.LOCK_TIMEOUT_MS = 300
    expert = ExpertFactory()
    assignment = AssignmentFactory(
        expert=expert,
        request=ExpertRequestFactory(
            status="confirmed", starts_at=timezone.now() - dt.timedelta(hours=3)
        ),
    )
    client.force_login(expert.user)
    release, thread = _held(Assignment.objects.all(), assignment.pk)
    try:
        response = client.post(
            reverse("ervaringsdeskundigen:report", args=[assignment.pk]),
            {"hours": "2.5", "km": "24", "costs": "0", "debrief": "Goed gegaan."},
        )
    finally:
        release.set()
        thread.join(10)
    assert response.status_code == 409
    assert t("Someone else is changing this right now. Please try again in a moment.") in (
        response.text
    )
    assert "Goed gegaan." in response.text
    assignment.refresh_from_db()
    assert assignment.report_status != "reported"
