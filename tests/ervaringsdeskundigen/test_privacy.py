"""Download my data, delete my account, and how long contact details of requests are kept."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from ervaringsdeskundigen.models import Assignment, Expert, ExpertRequest
from huis.core.registry import personal_data_providers, retention_rules

from .factories import AssignmentFactory, ExpertRequestFactory, theme

pytestmark = pytest.mark.django_db


def _provider():
    return next(p for p in personal_data_providers() if p.name == "ervaringsdeskundigen")


def test_export_holds_the_profile_and_assignments(expert_profile):
    expert_profile.themes.add(theme("psychose"))
    expert_profile.consent_given_on = dt.date(2026, 1, 15)
    expert_profile.save()
    AssignmentFactory(expert=expert_profile, debrief="Zwaar maar goed.")
    data = _provider().export(expert_profile.user)
    json.dumps(data)  # JSON-able
    assert data["expert_profile"]["themes"] == ["Psychose"]
    assert data["expert_profile"]["consent_given_on"] == "2026-01-15"
    assert data["assignments"][0]["debrief"] == "Zwaar maar goed."


def test_export_of_someone_without_a_profile_is_empty(visitor):
    assert _provider().export(visitor) == {}


def test_erase_removes_the_person_and_keeps_the_counts(expert_profile):
    kept = AssignmentFactory(expert=expert_profile, debrief="Persoonlijk", flat_amount="44.02")
    proposed = AssignmentFactory(expert=expert_profile, status="proposed")
    _provider().erase(expert_profile.user)
    assert not Expert.objects.filter(pk=expert_profile.pk).exists()
    kept.refresh_from_db()
    proposed.refresh_from_db()
    assert kept.expert is None and kept.debrief == ""
    assert str(kept.flat_amount) == "44.02"
    assert proposed.status == "withdrawn"
    assert Assignment.objects.count() == 2


def test_retention_removes_contact_details_of_old_closed_requests():
    rule = next(r for r in retention_rules() if r.key == "ervaringsdeskundigen.closed_requests")
    old = ExpertRequestFactory(status="evaluated", contact_phone="0470 12 34 56")
    still_open = ExpertRequestFactory(status="in_progress")
    ExpertRequest.objects.filter(pk__in=[old.pk, still_open.pk]).update(
        updated_at=timezone.now() - dt.timedelta(days=800)
    )
    recent = ExpertRequestFactory(status="declined")
    assert rule.purge(cutoff=timezone.now() - dt.timedelta(days=rule.default_days)) == 1
    old.refresh_from_db()
    assert (old.contact_email, old.contact_phone) == ("removed@invalid.example", "")
    assert old.organisation_name  # the figures stay
    still_open.refresh_from_db()
    recent.refresh_from_db()
    assert "@school.example" in still_open.contact_email
    assert "@school.example" in recent.contact_email
