"""Logging outreach work: the quick form, unnamed third persons, isolation between partners,
the audit of reading notes."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from huis.audit.models import AuditEntry
from kwartiermaken.models import OutreachEntry

from .factories import OutreachEntryFactory

pytestmark = pytest.mark.django_db


def _form_data(neighbourhood, **overrides):
    data = {
        "date": timezone.localdate().isoformat(),
        "neighbourhood": neighbourhood.pk,
        "kind": "home_visit",
        "people_reached": "1",
        "contact_codes": "",
        "referrals": "0",
        "referred_to": "",
        "follow_up_on": "",
        "follow_up_note": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_a_partner_logs_a_home_visit_with_only_the_required_fields(
    client, partner_a, organisation_a, neighbourhood, need
):
    client.force_login(partner_a)
    form = client.get(reverse("kwartiermaken:entry_create"))
    assert form.status_code == 200
    # Today is filled in; with one organisation the worker does not have to choose it.
    assert f'value="{timezone.localdate().isoformat()}"' in form.text
    assert 'type="hidden" name="organisation"' in form.text
    assert "Never write a name." in form.text
    response = client.post(
        reverse("kwartiermaken:entry_create"),
        _form_data(neighbourhood, organisation=organisation_a.pk, needs=[need.pk]),
    )
    entry = OutreachEntry.objects.get()
    assert response.status_code == 302
    assert response.url == entry.get_absolute_url()
    assert entry.organisation == organisation_a
    assert entry.created_by == partner_a
    assert list(entry.needs.all()) == [need]
    assert AuditEntry.objects.filter(action="kwartiermaken.entry_created", actor=partner_a).exists()


def test_the_form_remembers_the_last_neighbourhood(
    client, partner_a, organisation_a, neighbourhood, other_neighbourhood
):
    OutreachEntryFactory(
        organisation=organisation_a, created_by=partner_a, neighbourhood=other_neighbourhood
    )
    client.force_login(partner_a)
    html = client.get(reverse("kwartiermaken:entry_create")).text
    assert f'<option value="{other_neighbourhood.pk}" selected>' in html


@pytest.mark.parametrize("written", ["Jan Peeters", "Fatima", "mevrouw De Smet"])
def test_a_name_in_the_contact_code_is_refused_and_nothing_typed_is_lost(
    client, partner_a, organisation_a, neighbourhood, written
):
    client.force_login(partner_a)
    response = client.post(
        reverse("kwartiermaken:entry_create"),
        _form_data(
            neighbourhood,
            organisation=organisation_a.pk,
            contact_codes=written,
            follow_up_note="Bellen naar CAW",
            follow_up_on="",
            people_reached="3",
        ),
    )
    assert response.status_code == 200
    assert OutreachEntry.objects.count() == 0
    form = response.context["form"]
    assert "looks like a name" in str(form.errors["contact_codes"])
    # The error is tied to its field, and what was typed stays.
    assert 'aria-invalid="true"' in response.text
    assert 'value="Bellen naar CAW"' in response.text
    assert 'value="3"' in response.text


def test_contact_codes_are_normalised_and_findable(
    client, partner_a, organisation_a, neighbourhood
):
    client.force_login(partner_a)
    client.post(
        reverse("kwartiermaken:entry_create"),
        _form_data(neighbourhood, organisation=organisation_a.pk, contact_codes="br-17, k12"),
    )
    entry = OutreachEntry.objects.get()
    assert entry.contact_codes == ["BR-17", "K12"]
    found = client.get(reverse("kwartiermaken:entry_list"), {"zoek": "br-17"})
    assert list(found.context["page"].entries) == [entry]


def test_a_date_in_the_future_or_a_follow_up_before_the_work_is_refused(
    client, partner_a, organisation_a, neighbourhood
):
    client.force_login(partner_a)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(
        reverse("kwartiermaken:entry_create"),
        _form_data(neighbourhood, organisation=organisation_a.pk, date=tomorrow.isoformat()),
    )
    assert response.status_code == 200
    assert "future" in str(response.context["form"].errors["date"])
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client.post(
        reverse("kwartiermaken:entry_create"),
        _form_data(
            neighbourhood,
            organisation=organisation_a.pk,
            follow_up_on=yesterday.isoformat(),
        ),
    )
    assert response.status_code == 200
    assert "follow_up_on" in response.context["form"].errors
    assert OutreachEntry.objects.count() == 0


def test_a_partner_cannot_log_for_another_organisation(
    client, partner_a, organisation_b, neighbourhood
):
    client.force_login(partner_a)
    response = client.post(
        reverse("kwartiermaken:entry_create"),
        _form_data(neighbourhood, organisation=organisation_b.pk),
    )
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert OutreachEntry.objects.count() == 0


def test_a_partner_changes_their_organisations_entry(client, partner_a, entry_a, neighbourhood):
    client.force_login(partner_a)
    response = client.post(
        reverse("kwartiermaken:entry_update", args=[entry_a.pk]),
        _form_data(neighbourhood, people_reached="4", notes="Bijgewerkt."),
    )
    assert response.status_code == 302
    entry_a.refresh_from_db()
    assert (entry_a.people_reached, entry_a.notes) == (4, "Bijgewerkt.")


def test_partner_b_cannot_change_partner_as_entry_by_posting(
    client, partner_b, entry_a, neighbourhood
):
    client.force_login(partner_b)
    response = client.post(
        reverse("kwartiermaken:entry_update", args=[entry_a.pk]),
        _form_data(neighbourhood, people_reached="99"),
    )
    assert response.status_code == 404
    entry_a.refresh_from_db()
    assert entry_a.people_reached == 1


# --- Isolation in lists, search, export ----------------------------------------------------------


def test_lists_search_and_export_show_only_the_own_organisation(
    client, partner_a, entry_a, entry_b
):
    client.force_login(partner_a)
    listed = client.get(reverse("kwartiermaken:entry_list")).context["page"].entries
    assert listed == [entry_a]
    # Partner A searching for partner B's contact code finds nothing.
    found = client.get(reverse("kwartiermaken:entry_list"), {"zoek": "ZS-4"})
    assert found.context["page"].entries == []
    export = client.get(reverse("kwartiermaken:entry_export"))
    text = b"".join(export.streaming_content).decode()
    assert "Partner A" in text
    assert "Partner B" not in text
    # The export holds no notes and no contact codes.
    assert "koelkast" not in text
    assert "BR-17" not in text


def test_a_coordinator_sees_every_organisations_entries(client, coordinator, entry_a, entry_b):
    client.force_login(coordinator)
    listed = client.get(reverse("kwartiermaken:entry_list")).context["page"].entries
    assert set(listed) == {entry_a, entry_b}
    found = client.get(reverse("kwartiermaken:entry_list"), {"zoek": "ZS-4"})
    assert found.context["page"].entries == [entry_b]


def test_keyset_pages_go_through_every_entry_once(client, partner_a, organisation_a, neighbourhood):
    today = timezone.localdate()
    entries = [
        OutreachEntryFactory(
            organisation=organisation_a,
            neighbourhood=neighbourhood,
            date=today - dt.timedelta(days=i // 3),
        )
        for i in range(120)
    ]
    client.force_login(partner_a)
    seen = []
    url = reverse("kwartiermaken:entry_list")
    params: dict = {}
    while True:
        page = client.get(url, params).context["page"]
        seen.extend(page.entries)
        if not page.next_cursor:
            break
        params = {"na": page.next_cursor}
    assert len(seen) == 120
    assert set(seen) == set(entries)


def test_a_broken_cursor_or_filter_gives_the_first_page_not_an_error(client, partner_a, entry_a):
    client.force_login(partner_a)
    response = client.get(
        reverse("kwartiermaken:entry_list"), {"na": "gisteren_x", "wijk": "abc", "soort": "x"}
    )
    assert response.status_code == 200
    assert response.context["page"].entries == [entry_a]


# --- Reading notes is recorded ---------------------------------------------------------------


def test_reading_notes_is_recorded_and_the_coordinator_sees_who_read_them(
    client, partner_a, coordinator, entry_a
):
    client.force_login(partner_a)
    detail = client.get(reverse("kwartiermaken:entry_detail", args=[entry_a.pk]))
    # The detail page does not show the notes: reading them is a deliberate, recorded step.
    assert "koelkast" not in detail.text
    assert not AuditEntry.objects.filter(action="kwartiermaken.entry_notes_viewed").exists()
    notes = client.get(reverse("kwartiermaken:entry_notes", args=[entry_a.pk]))
    assert "koelkast" in notes.text
    assert notes.context["readers"] is None  # a partner does not see the list of readers
    read = AuditEntry.objects.get(action="kwartiermaken.entry_notes_viewed")
    assert read.actor == partner_a
    assert read.object_id == str(entry_a.pk)

    client.force_login(coordinator)
    page = client.get(reverse("kwartiermaken:entry_notes", args=[entry_a.pk]))
    readers = [r.actor for r in page.context["readers"]]
    assert readers == [coordinator, partner_a]
    assert "Pia" in page.text


def test_opening_the_edit_form_counts_as_reading_the_notes(client, partner_a, entry_a):
    client.force_login(partner_a)
    client.get(reverse("kwartiermaken:entry_update", args=[entry_a.pk]))
    assert AuditEntry.objects.filter(
        action="kwartiermaken.entry_notes_viewed", actor=partner_a
    ).exists()


def test_partner_b_guessing_the_notes_url_reads_nothing_and_leaves_no_read(
    client, partner_b, entry_a
):
    client.force_login(partner_b)
    response = client.get(reverse("kwartiermaken:entry_notes", args=[entry_a.pk]))
    assert response.status_code == 404
    assert "koelkast" not in response.text
    assert not AuditEntry.objects.filter(action="kwartiermaken.entry_notes_viewed").exists()


def test_a_coordinator_narrows_the_list_to_one_organisation_a_partner_cannot_widen_it(
    client, coordinator, partner_a, organisation_b, entry_a, entry_b
):
    client.force_login(coordinator)
    url = reverse("kwartiermaken:entry_list")
    assert client.get(url, {"organisatie": organisation_b.pk}).context["page"].entries == [entry_b]
    client.force_login(partner_a)
    assert client.get(url, {"organisatie": organisation_b.pk}).context["page"].entries == [entry_a]


# --- Typed service arguments -----------------------------------------------------------------


def test_a_misspelt_field_is_an_error_at_the_call_and_the_audit_names_what_changed(
    partner_a, entry_a
):
    from dataclasses import replace

    from kwartiermaken import services

    with pytest.raises(TypeError):
        services.EntryDetails(date=entry_a.date, neighbourhood=entry_a.neighbourhood, peple=2)
    with pytest.raises(TypeError):
        services.entry_update(entry=entry_a, actor=partner_a, people_reached=2)
    details = replace(services.EntryDetails.of(entry_a), people_reached=9, referred_to="CAW")
    services.entry_update(entry=entry_a, actor=partner_a, details=details)
    entry_a.refresh_from_db()
    assert (entry_a.people_reached, entry_a.referred_to) == (9, "CAW")
    assert entry_a.notes == "Woont alleen, koelkast leeg."  # the fields not changed stay
    changed = AuditEntry.objects.get(action="kwartiermaken.entry_changed")
    assert changed.data["fields"] == ["people_reached", "referred_to"]
