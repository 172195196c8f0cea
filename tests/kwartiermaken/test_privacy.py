"""Kwartiermaken's part of "download my data", "delete my account" and retention."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from huis.core.registry import personal_data_providers, retention_rules
from kwartiermaken.models import OutreachEntry, Signal

from .factories import OutreachEntryFactory

pytestmark = pytest.mark.django_db


def _provider():
    return next(p for p in personal_data_providers() if p.name == "kwartiermaken")


def _rule():
    return next(r for r in retention_rules() if r.key == "kwartiermaken.entry_notes")


def test_export_holds_the_workers_own_work_but_not_notes_about_others(partner_a, entry_a, signal_a):
    data = _provider().export(partner_a)
    json.dumps(data)  # JSON-able
    assert [e["id"] for e in data["outreach_entries"]] == [entry_a.pk]
    assert data["outreach_entries"][0]["needs"] == ["Wonen"]
    assert [s["id"] for s in data["signals"]] == [signal_a.pk]
    text = json.dumps(data)
    assert "koelkast" not in text
    assert "BR-17" not in text


def test_erasing_a_worker_keeps_the_work_counted_without_their_name(partner_a, entry_a, signal_a):
    _provider().erase(partner_a)
    entry_a.refresh_from_db()
    signal_a.refresh_from_db()
    assert entry_a.created_by is None
    assert signal_a.created_by is None
    assert OutreachEntry.objects.count() == 1
    assert Signal.objects.count() == 1
    assert _provider().export(partner_a) == {
        "outreach_entries": [],
        "signals": [],
        "policy_recommendations": [],
    }


def test_retention_erases_old_notes_and_contact_codes_and_keeps_the_counts(
    organisation_a, neighbourhood
):
    old = OutreachEntryFactory(
        organisation=organisation_a,
        neighbourhood=neighbourhood,
        notes="Oude notitie",
        contact_codes=["OUD-1"],
        people_reached=5,
    )
    OutreachEntry.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - dt.timedelta(days=4 * 365)
    )
    recent = OutreachEntryFactory(
        organisation=organisation_a,
        neighbourhood=neighbourhood,
        notes="Recente notitie",
        contact_codes=["NIEUW-2"],
    )
    rule = _rule()
    assert rule.default_days == 3 * 365
    purged = rule.purge(cutoff=timezone.now() - dt.timedelta(days=rule.default_days))
    assert purged == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.notes, old.contact_codes, old.people_reached) == ("", [], 5)
    assert (recent.notes, recent.contact_codes) == ("Recente notitie", ["NIEUW-2"])
