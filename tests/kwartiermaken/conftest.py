"""Fixtures for kwartiermaken: a neighbourhood, needs, and entries of partner A and partner B."""

import pytest

from .factories import NeedFactory, NeighbourhoodFactory, OutreachEntryFactory, SignalFactory


@pytest.fixture
def neighbourhood(db):
    return NeighbourhoodFactory(name="Stationswijk")


@pytest.fixture
def other_neighbourhood(db):
    return NeighbourhoodFactory(name="Visserswijk")


@pytest.fixture
def need(db):
    return NeedFactory(name="Wonen")


@pytest.fixture
def entry_a(partner_a, organisation_a, neighbourhood, need):
    """Partner A's home visit, with notes, a contact code and an open follow-up."""
    return OutreachEntryFactory(
        organisation=organisation_a,
        created_by=partner_a,
        neighbourhood=neighbourhood,
        notes="Woont alleen, koelkast leeg.",
        contact_codes=["BR-17"],
        needs=[need],
        follow_up_on=None,
    )


@pytest.fixture
def entry_b(partner_b, organisation_b, neighbourhood):
    return OutreachEntryFactory(
        organisation=organisation_b,
        created_by=partner_b,
        neighbourhood=neighbourhood,
        notes="Notitie van partner B.",
        contact_codes=["ZS-4"],
    )


@pytest.fixture
def signal_a(partner_a, organisation_a, neighbourhood, entry_a):
    return SignalFactory(
        organisation=organisation_a,
        created_by=partner_a,
        neighbourhood=neighbourhood,
        entry=entry_a,
    )


@pytest.fixture
def signal_b(partner_b, organisation_b, neighbourhood):
    return SignalFactory(
        organisation=organisation_b, created_by=partner_b, neighbourhood=neighbourhood
    )


@pytest.fixture(autouse=True)
def english(client, settings):
    """Tests read messages and labels in English, so they hold with the Dutch catalog compiled;
    the tests about Dutch text (the reminder, the browser test) ask for Dutch explicitly."""
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield
