"""Residents heard in a policy recommendation: how they were consulted (with counts) and their
words, quoted only with their consent and removed when they take it back."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from huis.audit.models import AuditEntry
from kwartiermaken import services
from kwartiermaken.models import ResidentConsultation, ResidentQuote

from .factories import RecommendationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recommendation(db):
    return RecommendationFactory()


def test_a_coordinator_records_a_survey_and_a_quote(client, coordinator, recommendation):
    client.force_login(coordinator)
    response = client.post(
        reverse("kwartiermaken:consultation_create", args=[recommendation.pk]),
        {
            "kind": "survey",
            "held_on": timezone.localdate().isoformat(),
            "people": "40",
            "responses": "31",
            "summary": "De meesten willen een bank aan de halte.",
        },
    )
    assert response.status_code == 302
    consultation = ResidentConsultation.objects.get()
    assert (consultation.people, consultation.responses) == (40, 31)
    response = client.post(
        reverse("kwartiermaken:quote_create", args=[recommendation.pk]),
        {"text": "Ik sta hier elke dag een half uur.", "who": "", "consent_given": "on"},
    )
    assert response.status_code == 302
    page = client.get(recommendation.get_absolute_url()).text
    assert "40 residents took part" in page and "31 answers" in page
    assert "Ik sta hier elke dag een half uur." in page and "quoted with consent" in page
    assert AuditEntry.objects.filter(action="kwartiermaken.quote_added").exists()


def test_a_quote_without_consent_is_refused(client, coordinator, recommendation):
    client.force_login(coordinator)
    response = client.post(
        reverse("kwartiermaken:quote_create", args=[recommendation.pk]),
        {"text": "Woorden", "who": ""},
    )
    assert response.status_code == 400
    assert "only with their consent" in response.text
    assert not ResidentQuote.objects.exists()


def test_bad_counts_are_refused(coordinator, recommendation):
    details = services.ConsultationDetails(
        kind="survey", held_on=timezone.localdate(), people=10, responses=12
    )
    with pytest.raises(services.KwartiermakenError, match="more answers"):
        services.consultation_record(
            recommendation=recommendation, actor=coordinator, details=details
        )
    future = services.ConsultationDetails(
        kind="meeting", held_on=timezone.localdate() + dt.timedelta(days=3), people=5
    )
    with pytest.raises(services.KwartiermakenError, match="future"):
        services.consultation_record(
            recommendation=recommendation, actor=coordinator, details=future
        )
    assert not ResidentConsultation.objects.exists()


def test_a_quote_is_removed_when_the_resident_takes_it_back(client, coordinator, recommendation):
    quote = services.quote_add(
        recommendation=recommendation, actor=coordinator, text="Woorden", consent_given=True
    )
    client.force_login(coordinator)
    response = client.post(reverse("kwartiermaken:quote_remove", args=[quote.pk]))
    assert response.status_code == 302
    assert not ResidentQuote.objects.exists()
    assert "Woorden" not in client.get(recommendation.get_absolute_url()).text
    assert AuditEntry.objects.filter(action="kwartiermaken.quote_removed").exists()
