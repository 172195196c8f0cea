"""How beeldvorming's services are called and how they refuse: explicit keyword arguments (a
misspelt field is an error at the call, not a silently dropped change), errors that are the core's
`DomainError`, and a row someone else holds locked that answers "try again in a moment"."""

import datetime as dt
import threading

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse

from beeldvorming import services
from beeldvorming.models import Testimony as Story  # not Test*: pytest would try to collect it
from beeldvorming.services import BeeldvormingError
from huis.core.errors import DomainError
from huis.core.locking import lock

BUSY = "Someone else is changing this right now. Please try again in a moment."


@pytest.mark.django_db
def test_a_misspelt_field_is_an_error_at_the_call(campaign, action, staff):
    with pytest.raises(TypeError):
        services.campaign_update(
            campaign=campaign,
            actor=staff,
            name="Nieuwe naam",
            starts_on=dt.date(2026, 10, 1),
            ends_on=dt.date(2026, 10, 10),
            goal="a typo: goals",
        )
    with pytest.raises(TypeError):
        services.action_update(
            action=action,
            actor=staff,
            kind=action.kind,
            date=action.date,
            audience=action.audience,
            people_reached=3,
            notess="a typo",
        )
    campaign.refresh_from_db()
    assert campaign.name != "Nieuwe naam"


@pytest.mark.django_db
def test_a_campaign_and_an_action_change_through_their_named_arguments(campaign, action, staff):
    services.campaign_update(
        campaign=campaign,
        actor=staff,
        name="Week 2026",
        starts_on=dt.date(2026, 10, 1),
        ends_on=dt.date(2026, 10, 10),
        goals="Praten over herstel.",
        target_audiences=("pupils",),
    )
    services.action_update(
        action=action,
        actor=staff,
        kind=action.kind,
        date=dt.date(2026, 10, 2),
        audience=action.audience,
        people_reached=31,
        place="Bibliotheek",
    )
    campaign.refresh_from_db()
    action.refresh_from_db()
    assert (campaign.name, campaign.target_audiences) == ("Week 2026", ["pupils"])
    assert (action.people_reached, action.place, action.notes) == (31, "Bibliotheek", "")
    with pytest.raises(BeeldvormingError):
        services.campaign_update(
            campaign=campaign,
            actor=staff,
            name="Week 2026",
            starts_on=dt.date(2026, 10, 10),
            ends_on=dt.date(2026, 10, 1),
            goals="",
        )


def test_beeldvormings_error_is_the_core_domain_error():
    error = BeeldvormingError("Nee.", field="title")
    assert isinstance(error, DomainError)
    assert (error.message, error.field) == ("Nee.", "title")


@pytest.mark.django_db(transaction=True)
@override_settings(LOCK_TIMEOUT_MS=200)
def test_changing_a_story_someone_holds_locked_says_try_again_and_saves_nothing(
    client, own_story, visitor
):
    held, release = threading.Event(), threading.Event()

    def holder():
        try:
            with transaction.atomic():
                lock(Story.objects.all(), own_story.pk)
                held.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=holder)
    thread.start()
    assert held.wait(10)
    client.force_login(visitor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        response = client.post(
            reverse("beeldvorming:story_edit", args=[own_story.pk]),
            {"title": "Een nieuwe titel", "body": "Een nieuw verhaal."},
        )
    finally:
        release.set()
        thread.join(10)
    assert response.status_code == 200
    assert BUSY in response.text
    assert "Een nieuwe titel" in response.text  # what was typed is kept
    own_story.refresh_from_db()
    assert own_story.title != "Een nieuwe titel"
