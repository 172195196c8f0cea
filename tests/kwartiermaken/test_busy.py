"""A row someone else holds locked: the page says "try again in a moment" (huis.core.locking's
`Busy`), keeps what was typed, and saves nothing; the worker never hangs."""

import threading

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from huis.core.locking import lock
from kwartiermaken.models import OutreachEntry, PolicyRecommendation

from .factories import OutreachEntryFactory, RecommendationFactory, SignalFactory

pytestmark = pytest.mark.django_db(transaction=True)
BUSY = "Someone else is changing this right now. Please try again in a moment."


class HeldLock:
    """Another worker's transaction holding one row locked, on its own connection."""

    def __init__(self, queryset, pk):
        self.queryset, self.pk = queryset, pk
        self.held, self.release = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self):
        try:
            with transaction.atomic():
                lock(self.queryset, self.pk)
                self.held.set()
                self.release.wait(10)
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        assert self.held.wait(10)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(10)


@override_settings(LOCK_TIMEOUT_MS=200)
def test_a_form_on_a_locked_entry_says_try_again_and_keeps_what_was_typed(
    client, partner_a, organisation_a, neighbourhood
):
    entry = OutreachEntryFactory(
        organisation=organisation_a, created_by=partner_a, neighbourhood=neighbourhood
    )
    client.force_login(partner_a)
    data = {
        "date": timezone.localdate().isoformat(),
        "neighbourhood": neighbourhood.pk,
        "kind": "street",
        "people_reached": "7",
        "referrals": "0",
    }
    with HeldLock(OutreachEntry.objects.all(), entry.pk):
        response = client.post(reverse("kwartiermaken:entry_update", args=[entry.pk]), data)
    assert response.status_code == 200
    assert BUSY in response.text
    assert 'value="7"' in response.text
    entry.refresh_from_db()
    assert entry.people_reached != 7


@override_settings(LOCK_TIMEOUT_MS=200)
def test_a_button_on_a_locked_recommendation_says_try_again(
    client, coordinator, organisation_a, neighbourhood
):
    signal = SignalFactory(organisation=organisation_a, neighbourhood=neighbourhood)
    draft = RecommendationFactory(signals=[signal])
    client.force_login(coordinator)
    with HeldLock(PolicyRecommendation.objects.all(), draft.pk):
        response = client.post(reverse("kwartiermaken:recommendation_send", args=[draft.pk]))
    assert response.status_code == 409
    assert BUSY in response.text
    assert draft.get_absolute_url() in response.text  # the way back
    draft.refresh_from_db()
    assert draft.status == PolicyRecommendation.Status.DRAFT
