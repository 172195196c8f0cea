"""Follow-ups: on the worker's start page, and one reminder per follow-up through the outbox."""

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from huis.notifications.models import Notification
from huis.notifications.services import render
from kwartiermaken import services
from kwartiermaken.models import OutreachEntry

from .factories import OutreachEntryFactory

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


def _log(partner, organisation, neighbourhood, *, follow_up_on, note="Terugbellen over huurpremie"):
    return services.entry_create(
        actor=partner,
        organisation=organisation,
        details=services.EntryDetails(
            date=timezone.localdate(),
            neighbourhood=neighbourhood,
            kind="home_visit",
            people_reached=1,
            follow_up_on=follow_up_on,
            follow_up_note=note,
        ),
    )


def test_a_follow_up_schedules_one_reminder_at_eight_in_brussels(
    partner_a, organisation_a, neighbourhood
):
    day = timezone.localdate() + dt.timedelta(days=5)
    entry = _log(partner_a, organisation_a, neighbourhood, follow_up_on=day)
    reminder = Notification.objects.get()
    assert reminder.key == f"kwartiermaken-follow-up:entry:{entry.pk}:{day.isoformat()}"
    assert reminder.recipient == partner_a
    assert reminder.due_at.astimezone(BRUSSELS).time() == dt.time(8, 0)
    assert reminder.due_at.astimezone(BRUSSELS).date() == day
    # Saving the entry again does not add a second reminder.
    services.entry_update(
        entry=entry,
        actor=partner_a,
        details=replace(services.EntryDetails.of(entry), people_reached=2),
    )
    assert Notification.objects.count() == 1


def test_the_reminder_is_eight_oclock_on_both_sides_of_a_dst_change():
    winter = services.follow_up_due_at(dt.date(2026, 3, 28))  # the day before summer time
    summer = services.follow_up_due_at(dt.date(2026, 3, 29))
    assert winter.astimezone(BRUSSELS).hour == summer.astimezone(BRUSSELS).hour == 8
    # In absolute time the day of the change is one hour shorter.
    utc = dt.UTC
    assert summer.astimezone(utc) - winter.astimezone(utc) == dt.timedelta(hours=23)


def test_the_reminder_reads_well_in_the_workers_language(partner_a, organisation_a, neighbourhood):
    partner_a.preferred_language = "nl"
    partner_a.save()
    day = timezone.localdate() + dt.timedelta(days=2)
    _log(partner_a, organisation_a, neighbourhood, follow_up_on=day)
    rendered = render(Notification.objects.get())
    assert "Stationswijk" in rendered.subject
    assert "Terugbellen over huurpremie" in rendered.text
    assert "/kwartiermaken/werk/" in rendered.text
    assert "Huisbezoek" in rendered.text


def test_a_new_date_cancels_the_old_reminder_and_done_cancels_the_new_one(
    partner_a, organisation_a, neighbourhood
):
    first = timezone.localdate() + dt.timedelta(days=3)
    entry = _log(partner_a, organisation_a, neighbourhood, follow_up_on=first)
    later = first + dt.timedelta(days=7)
    entry = services.entry_update(
        entry=entry,
        actor=partner_a,
        details=replace(services.EntryDetails.of(entry), follow_up_on=later),
    )
    statuses = dict(Notification.objects.values_list("key", "status"))
    prefix = f"kwartiermaken-follow-up:entry:{entry.pk}"
    assert statuses == {
        f"{prefix}:{first.isoformat()}": Notification.Status.CANCELLED,
        f"{prefix}:{later.isoformat()}": Notification.Status.PENDING,
    }
    services.entry_follow_up_done(entry=entry, actor=partner_a)
    assert not Notification.objects.filter(status=Notification.Status.PENDING).exists()


def test_the_start_page_lists_the_organisations_follow_ups_due(
    client, partner_a, partner_b, organisation_a, organisation_b, neighbourhood
):
    today = timezone.localdate()
    overdue = OutreachEntryFactory(
        organisation=organisation_a,
        created_by=partner_a,
        neighbourhood=neighbourhood,
        date=today - dt.timedelta(days=10),
        follow_up_on=today - dt.timedelta(days=2),
        follow_up_note="Brief OCMW nakijken",
    )
    soon = OutreachEntryFactory(
        organisation=organisation_a,
        neighbourhood=neighbourhood,
        follow_up_on=today + dt.timedelta(days=3),
    )
    OutreachEntryFactory(  # too far ahead for this week
        organisation=organisation_a,
        neighbourhood=neighbourhood,
        follow_up_on=today + dt.timedelta(days=30),
    )
    OutreachEntryFactory(  # already followed up
        organisation=organisation_a,
        neighbourhood=neighbourhood,
        follow_up_on=today,
        follow_up_done_at=timezone.now(),
    )
    OutreachEntryFactory(  # another organisation's
        organisation=organisation_b, neighbourhood=neighbourhood, follow_up_on=today
    )
    client.force_login(partner_a)
    response = client.get(reverse("kwartiermaken:home"))
    assert response.context["follow_ups"] == [overdue, soon]
    assert "Brief OCMW nakijken" in response.text

    done = client.post(
        reverse("kwartiermaken:entry_follow_up_done", args=[overdue.pk]), {"next": "home"}
    )
    assert done.url == reverse("kwartiermaken:home")
    assert client.get(reverse("kwartiermaken:home")).context["follow_ups"] == [soon]


def test_marking_done_twice_says_so_kindly(client, partner_a, organisation_a, neighbourhood):
    entry = OutreachEntryFactory(
        organisation=organisation_a, neighbourhood=neighbourhood, follow_up_on=timezone.localdate()
    )
    client.force_login(partner_a)
    url = reverse("kwartiermaken:entry_follow_up_done", args=[entry.pk])
    client.post(url)
    response = client.post(url)
    assert response.status_code == 400
    assert "no open follow-up" in response.text
    assert OutreachEntry.objects.get().follow_up_done_at is not None


def test_the_home_page_a_worker_lands_on_shows_their_follow_ups(
    client, partner_a, visitor, organisation_a, neighbourhood
):
    entry = OutreachEntryFactory(
        organisation=organisation_a,
        neighbourhood=neighbourhood,
        follow_up_on=timezone.localdate(),
        follow_up_note="Brief huisbaas bespreken",
    )
    client.force_login(partner_a)
    html = client.get(reverse("core:home")).text
    assert "Brief huisbaas bespreken" in html
    assert entry.get_absolute_url() in html
    client.force_login(visitor)
    assert "Brief huisbaas bespreken" not in client.get(reverse("core:home")).text
    client.logout()
    assert "Your follow-ups due" not in client.get(reverse("core:home")).text
