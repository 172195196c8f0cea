"""A row someone else holds answers "busy, try again in a moment" on the page, not a hung worker
or a 500: on a form view (it shows the form again with the message) and on a POST view (it goes
back with the message). Nothing is saved; once the other one is done, the same change works."""

import contextlib
import threading

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from huis.core.locking import lock
from trajecten.models import Application, Trajectory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("fast_timeout")]
BUSY = "try again in a moment"


@pytest.fixture
def fast_timeout():
    with override_settings(LOCK_TIMEOUT_MS=300):
        yield


@contextlib.contextmanager
def held(model, pk):
    """Another connection holds the row's lock until the block ends."""
    locked, release = threading.Event(), threading.Event()

    def holder():
        try:
            with transaction.atomic():
                lock(model.objects, pk)
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    assert locked.wait(10)
    try:
        yield
    finally:
        release.set()
        thread.join(10)


def test_ending_a_held_trajectory_shows_the_form_again_with_busy(client, trajectory_a, partner_a):
    client.force_login(partner_a)
    url = reverse("trajecten:trajectory_end", args=[trajectory_a.pk])
    data = {"ended_on": timezone.localdate().isoformat(), "reason": "stable"}
    with held(Trajectory, trajectory_a.pk):
        page = client.post(url, data)
    assert page.status_code == 200
    assert BUSY in page.text
    trajectory_a.refresh_from_db()
    assert trajectory_a.is_open
    assert client.post(url, data).status_code == 302
    trajectory_a.agreement.refresh_from_db()
    assert trajectory_a.agreement.status == "ended"


def test_submitting_a_held_application_goes_back_with_busy(client, application_a, partner_a):
    client.force_login(partner_a)
    url = reverse("trajecten:application_submit", args=[application_a.pk])
    with held(Application, application_a.pk):
        page = client.post(url)
    assert page.status_code == 409
    assert BUSY in page.text
    application_a.refresh_from_db()
    assert application_a.status == Application.Status.DRAFT
