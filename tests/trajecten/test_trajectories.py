"""Trajectories: the start makes the guidance agreement in the network; the plan, the contact log,
evaluation moments reminded through the outbox (with the real sweep), housing checks, the end."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from huis.core.dates import add_months
from huis.notifications.models import Notification
from huis.notifications.services import notifications_send_due
from netwerk.models import GuidanceAgreement
from trajecten import services
from trajecten.services import TrajectenError

from .factories import decide

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def admitted(scheduled):
    decide(scheduled, "admitted")
    return scheduled.application


def test_starting_makes_the_guidance_agreement_with_lead_and_partners(
    client, admitted, partner_a, organisation_a, organisation_b, house_organisation
):
    client.force_login(partner_a)
    url = reverse("trajecten:trajectory_start", args=[admitted.pk])
    assert client.get(url).status_code == 200
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "lead_organisation": organisation_a.pk,
            "partners": [organisation_b.pk, house_organisation.pk],
            "started_on": today.isoformat(),
        },
    )
    assert response.status_code == 302
    agreement = GuidanceAgreement.objects.get()
    assert agreement.lead_organisation == organisation_a
    assert set(agreement.partners.all()) == {organisation_b, house_organisation}
    assert agreement.starts_on == today
    assert agreement.ends_on == add_months(today, 12)  # at least the charter's six months
    trajectory = agreement.trajectory
    assert response.url == trajectory.get_absolute_url()
    # A first evaluation three months on, and reminders for the three housing checks.
    assert trajectory.evaluations.get().planned_on == add_months(today, 3)
    keys = set(Notification.objects.values_list("key", flat=True))
    for months in (6, 12, 24):
        day = add_months(today, months)
        assert f"trajecten-housing-check:{trajectory.pk}:{months}:{day.isoformat()}" in keys


def test_evaluation_reminder_goes_out_once_through_the_sweep(trajectory_a, partner_a):
    day = timezone.localdate() + dt.timedelta(days=1)
    evaluation = services.evaluation_plan(trajectory=trajectory_a, actor=partner_a, planned_on=day)
    reminder = Notification.objects.get(key__startswith=f"trajecten-evaluation:{evaluation.pk}:")
    # The day before at 08:00 Brussels time, or at once when that moment already passed.
    expected = services.reminder_at(timezone.localdate())
    if expected > timezone.now():
        assert reminder.due_at == expected
    else:
        assert reminder.due_at > expected
    # Due the day before at 08:00 (or now, when that is already past): the sweep sends it once.
    Notification.objects.filter(pk=reminder.pk).update(
        due_at=timezone.now() - dt.timedelta(minutes=1),
        send_after=timezone.now() - dt.timedelta(minutes=1),
    )
    mail.outbox.clear()
    notifications_send_due()
    notifications_send_due()
    sent = [m for m in mail.outbox if trajectory_a.application.family_label in m.subject]
    assert len(sent) == 1
    assert sent[0].to == [partner_a.email]
    reminder.refresh_from_db()
    assert reminder.status == Notification.Status.SENT


def test_the_reminder_is_at_eight_on_both_sides_of_a_dst_change():
    winter = services.reminder_at(dt.date(2026, 10, 24))  # the day before winter time
    summer_end = services.reminder_at(dt.date(2026, 10, 25))
    assert winter.astimezone(BRUSSELS).hour == summer_end.astimezone(BRUSSELS).hour == 8
    # In absolute time the day of the change is one hour longer.
    assert summer_end.astimezone(dt.UTC) - winter.astimezone(dt.UTC) == dt.timedelta(hours=25)


def test_recording_the_evaluation_cancels_its_reminder(trajectory_a, partner_a):
    day = timezone.localdate() + dt.timedelta(days=20)
    evaluation = services.evaluation_plan(trajectory=trajectory_a, actor=partner_a, planned_on=day)
    services.evaluation_record(
        evaluation=evaluation,
        actor=partner_a,
        held_on=timezone.localdate(),
        summary="Samen met het OCMW: huur loopt goed.",
    )
    reminder = Notification.objects.get(key__startswith=f"trajecten-evaluation:{evaluation.pk}:")
    assert reminder.status == Notification.Status.CANCELLED
    with pytest.raises(TrajectenError, match="already recorded"):
        services.evaluation_record(
            evaluation=evaluation, actor=partner_a, held_on=timezone.localdate(), summary="x"
        )


def test_goals_per_life_domain_written_with_the_family(client, trajectory_a, partner_a):
    client.force_login(partner_a)
    url = reverse("trajecten:goal_add", args=[trajectory_a.pk])
    client.post(
        url, {"domain": "children", "text": "Tom gaat terug naar school.", "written_with": ""}
    )
    assert not trajectory_a.goals.exists()  # who of the family wrote it is required
    client.post(
        url,
        {"domain": "children", "text": "Tom gaat terug naar school.", "written_with": "mama"},
    )
    goal = trajectory_a.goals.get()
    assert (goal.domain, goal.written_with, goal.status) == ("children", "mama", "open")
    client.post(
        reverse("trajecten:goal_status", args=[trajectory_a.pk, goal.pk]), {"status": "reached"}
    )
    goal.refresh_from_db()
    assert goal.status == "reached"
    page = client.get(trajectory_a.get_absolute_url())
    assert "Tom gaat terug naar school." in page.text


def test_contact_log_and_housing_checks(client, trajectory_a, partner_a):
    client.force_login(partner_a)
    client.post(
        reverse("trajecten:contact_add", args=[trajectory_a.pk]),
        {"date": timezone.localdate().isoformat(), "kind": "home_visit", "note": "Sleutels."},
    )
    assert trajectory_a.contacts.get().note == "Sleutels."
    # The 6-month check cannot be recorded a month after the start: it is not due yet.
    response = client.post(
        reverse("trajecten:housing_check", args=[trajectory_a.pk]),
        {"months": "6", "housed": "yes"},
        follow=True,
    )
    assert "is due on" in response.text
    assert not trajectory_a.housing_checks.exists()
    trajectory_a.started_on = timezone.localdate() - dt.timedelta(days=200)
    trajectory_a.save()
    client.post(
        reverse("trajecten:housing_check", args=[trajectory_a.pk]),
        {"months": "6", "housed": "yes"},
    )
    check = trajectory_a.housing_checks.get()
    assert (check.months, check.housed) == (6, True)


def test_the_end_needs_a_reason_and_closes_the_agreement(client, trajectory_a, partner_a):
    client.force_login(partner_a)
    url = reverse("trajecten:trajectory_end", args=[trajectory_a.pk])
    response = client.post(url, {"ended_on": timezone.localdate().isoformat()})
    assert response.status_code == 200  # the form again, with the missing reason
    response = client.post(
        url,
        {"ended_on": timezone.localdate().isoformat(), "reason": "stable", "note": "Gaat goed."},
    )
    assert response.status_code == 302
    trajectory_a.refresh_from_db()
    assert (trajectory_a.end_reason, trajectory_a.is_open) == ("stable", False)
    trajectory_a.agreement.refresh_from_db()
    assert trajectory_a.agreement.status == "ended"
    with pytest.raises(TrajectenError, match="has ended"):
        services.contact_add(
            trajectory=trajectory_a,
            actor=partner_a,
            date=timezone.localdate(),
            kind="phone",
            note="Na het einde",
        )
    # No housing-check reminders stay pending after the end.
    assert not Notification.objects.filter(
        key__startswith=f"trajecten-housing-check:{trajectory_a.pk}:", status="pending"
    ).exists()


def test_moving_in_resets_the_housing_check_reminders(trajectory_a, partner_a):
    services.schedule_checks(trajectory_a)
    housed_on = timezone.localdate() - dt.timedelta(days=2)
    services.trajectory_set_housed(trajectory=trajectory_a, actor=partner_a, housed_on=housed_on)
    pending = Notification.objects.filter(
        key__startswith=f"trajecten-housing-check:{trajectory_a.pk}:", status="pending"
    )
    assert sorted(pending.values_list("key", flat=True)) == sorted(
        f"trajecten-housing-check:{trajectory_a.pk}:{m}:{add_months(housed_on, m).isoformat()}"
        for m in (6, 12, 24)
    )
