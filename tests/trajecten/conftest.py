"""Fixtures for trajecten: a Housing First programme with a committee in which partner B sits,
an application of partner A on the agenda of a meeting, and a started trajectory.

Partner A prepares; partner B represents their organisation in the committee; the house's staff
member is neither (an outsider here); coordinators run the committee's secretariat.
"""

import datetime as dt

import pytest
from django.utils import timezone

from trajecten.models import CommitteeMember

from .factories import (
    ApplicationFactory,
    CommitteeFactory,
    HousingStepFactory,
    MeetingFactory,
    ProgrammeFactory,
    schedule,
    trajectory_for,
)


@pytest.fixture
def programme(db):
    return ProgrammeFactory(name="Housing First gezinnen", slug="housing-first-gezinnen")


@pytest.fixture
def committee(programme, partner_b, organisation_b):
    committee = CommitteeFactory(programme=programme, name="Inclusiecommissie Housing First")
    CommitteeMember.objects.create(committee=committee, user=partner_b, organisation=organisation_b)
    return committee


@pytest.fixture
def meeting(committee):
    return MeetingFactory(committee=committee)


@pytest.fixture
def application_a(programme, organisation_a, partner_a):
    """Partner A's application with the family, with one step of housing history, a draft."""
    application = ApplicationFactory(
        programme=programme, organisation=organisation_a, prepared_by=partner_a
    )
    HousingStepFactory(application=application)
    return application


@pytest.fixture
def scheduled(application_a, meeting):
    """Partner A's application on the agenda of the meeting partner B sits in."""
    return schedule(application_a, meeting)


@pytest.fixture
def trajectory_a(programme, organisation_a, partner_a):
    """A running trajectory led by partner A (no other partners: see test_visibility)."""
    application = ApplicationFactory(
        programme=programme, organisation=organisation_a, prepared_by=partner_a
    )
    trajectory = trajectory_for(
        application,
        started_on=timezone.localdate() - dt.timedelta(days=30),
    )
    trajectory.started_by = partner_a
    trajectory.save()
    return trajectory


@pytest.fixture(autouse=True)
def english(client, settings):
    """Tests read messages and labels in English; the browser test asks for Dutch explicitly."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
