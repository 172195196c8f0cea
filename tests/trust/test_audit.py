"""The audit log is append-only for the application, readable by administrators, and a person
sees who read or changed their data."""

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from huis.audit.models import AuditEntry
from huis.audit.services import log_action
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_database_refuses_to_change_an_audit_entry(visitor, staff):
    entry = log_action(actor=staff, action="test.notes_viewed", obj=visitor, subject=visitor)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="nothing.happened")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(actor=visitor)
    entry.refresh_from_db()
    assert entry.action == "test.notes_viewed" and entry.actor_id == staff.pk


def test_the_database_refuses_to_delete_an_audit_entry(visitor, staff):
    entry = log_action(actor=staff, action="test.notes_viewed", subject=visitor)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        entry.delete()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_removing_a_person_only_unlinks_them_from_the_log(visitor):
    someone = UserFactory()
    entry = log_action(actor=someone, action="test.changed", obj=visitor, subject=visitor)
    someone.delete()  # on_delete=SET_NULL: the one update the trigger lets through
    entry.refresh_from_db()
    assert entry.actor_id is None and entry.action == "test.changed"


def test_administrator_reads_the_log_in_the_admin_and_cannot_change_it(client, administrator):
    entry = log_action(actor=administrator, action="test.something")
    client.force_login(administrator)
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    page = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content
    assert client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk])).status_code == 403


def test_staff_without_admin_rights_cannot_read_the_log(client, staff):
    client.force_login(staff)
    response = client.get(reverse("admin:audit_auditentry_changelist"))
    assert response.status_code == 302  # to the admin's own login: not for them


def test_person_sees_who_read_and_changed_their_data(client, visitor, visitor_b, staff):
    log_action(actor=staff, action="kwartiermaken.entry.notes_viewed", obj=visitor, subject=visitor)
    log_action(actor=staff, action="accounts.profile_changed", obj=visitor, subject=visitor)
    log_action(actor=staff, action="test.notes_viewed", obj=visitor_b, subject=visitor_b)
    client.force_login(visitor)
    response = client.get(reverse("accounts:who_touched"))
    assert response.status_code == 200
    rows = response.context["page"].entries
    assert len(rows) == 2
    assert [r.is_read for r in rows] == [False, True]
    assert all(r.actor_label == "Sofie" for r in rows)
    assert "Sofie" in response.text
    assert response["Cache-Control"].count("no-store") == 1


def test_who_touched_my_data_pages_with_a_fixed_number_of_queries(client, visitor, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(visitor)
    client.get(reverse("accounts:who_touched"))  # the first request records the session
    counts = []
    for n in (3, 60):
        for _ in range(n):
            log_action(actor=staff, action="test.notes_viewed", obj=visitor, subject=visitor)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(reverse("accounts:who_touched"))
        assert response.status_code == 200
        counts.append(len(ctx))
    assert counts[0] == counts[1]
    assert response.context["page"].next_before is not None
    older = client.get(
        reverse("accounts:who_touched"), {"voor": response.context["page"].next_before}
    )
    assert len(older.context["page"].entries) == 13


def test_a_broken_page_number_is_not_an_error(client, visitor):
    client.force_login(visitor)
    assert client.get(reverse("accounts:who_touched"), {"voor": "x'; DROP"}).status_code == 200


def test_entries_about_a_persons_records_name_them_without_being_told(
    visitor, staff, django_capture_on_commit_callbacks
):
    from huis.notifications.services import preference_update
    from huis.places.services import claim_set_attendance
    from ontmoeting.services import registration_create
    from tests.factories import ActivityFactory

    activity = ActivityFactory()
    with django_capture_on_commit_callbacks(execute=False):
        claim = registration_create(activity=activity, actor=visitor, user=visitor)
    claim_set_attendance(claim=claim, attendance="attended", actor=staff)
    preference_update(user=visitor, by_email=True, by_sms=False, actor=visitor)
    actions = set(AuditEntry.objects.filter(subject=visitor).values_list("action", flat=True))
    assert {"places.claimed", "places.attendance", "notifications.preference_updated"} <= actions
    assert not AuditEntry.objects.filter(subject=staff).exists()


def test_an_entry_records_who_what_when_and_from_where(rf, visitor, staff):
    request = rf.get("/", REMOTE_ADDR="192.0.2.10")
    entry = log_action(actor=staff, action="test.notes_viewed", obj=visitor, request=request)
    entry.refresh_from_db()
    assert entry.actor == staff and entry.subject == visitor
    assert entry.ip_address == "192.0.2.10" and entry.at is not None


def test_reading_a_sign_up_list_shows_on_each_persons_page(
    client, visitor, visitor_b, staff, django_capture_on_commit_callbacks
):
    from ontmoeting.services import registration_create
    from tests.factories import ActivityFactory

    activity = ActivityFactory(capacity=5)
    with django_capture_on_commit_callbacks(execute=False):
        registration_create(activity=activity, actor=visitor, user=visitor)
        registration_create(activity=activity, actor=visitor_b, user=visitor_b)
        registration_create(activity=activity, actor=None, name="Gast", email="g@test.example")
    client.force_login(staff)
    for name in ("staff_activity", "attendance", "attendance_csv"):
        assert client.get(reverse(f"ontmoeting:{name}", args=[activity.pk])).status_code == 200
    for person in (visitor, visitor_b):
        reads = AuditEntry.objects.filter(subject=person, actor=staff).values_list(
            "action", flat=True
        )
        assert set(reads) == {
            "ontmoeting.sign_ups_viewed",
            "ontmoeting.attendance_viewed",
            "ontmoeting.attendance_exported",
        }
    client.force_login(visitor)
    page = client.get(reverse("accounts:who_touched"))
    assert [e.is_read for e in page.context["page"].entries][:3] == [True, True, True]
