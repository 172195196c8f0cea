"""Trajecten's part of "download my data", "delete my account" and retention."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from huis.core.registry import personal_data_providers, retention_rules
from trajecten.models import Application, ContactLog, HousingStep
from trajecten.privacy import ERASED

from .factories import decide

pytestmark = pytest.mark.django_db


def _provider():
    return next(p for p in personal_data_providers() if p.name == "trajecten")


def _rule():
    return next(r for r in retention_rules() if r.key == "trajecten.closed_applications")


def test_export_holds_the_workers_own_work_but_not_the_familys_story(
    partner_a, application_a, trajectory_a
):
    ContactLog.objects.create(trajectory=trajectory_a, note="Huisbezoek", author=partner_a)
    data = _provider().export(partner_a)
    text = json.dumps(data)
    assert {a["id"] for a in data["applications_prepared"]} == {
        application_a.pk,
        trajectory_a.application_id,
    }
    assert len(data["contacts_written"]) == 1
    assert "auto" not in text and "Huisbezoek" not in text


def test_erasing_a_worker_keeps_the_rows_counted_without_their_name(
    partner_a, application_a, trajectory_a
):
    _provider().erase(partner_a)
    application_a.refresh_from_db()
    trajectory_a.refresh_from_db()
    assert application_a.prepared_by is None and trajectory_a.started_by is None
    assert Application.objects.count() == 2


def test_retention_erases_the_story_of_closed_applications_only(scheduled, application_a):
    rule = _rule()
    decide(scheduled, "not_admitted")
    HousingStep.objects.filter(application=application_a).update(note="Na uithuiszetting")
    later = timezone.now() + dt.timedelta(days=rule.default_days + 1)
    assert rule.purge(cutoff=timezone.now() - dt.timedelta(days=1)) == 0
    assert rule.purge(cutoff=later) == 1
    application_a.refresh_from_db()
    assert application_a.in_their_words == ERASED and application_a.family_label == ERASED
    assert application_a.status == "not_admitted"  # still counted in the figures
    assert not HousingStep.objects.exclude(note="").exists()
    assert rule.purge(cutoff=later) == 0
