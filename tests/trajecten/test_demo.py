"""The demo: a programme, a committee, two meetings, applications in every state and three
trajectories with outcomes; idempotent."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from huis.accounts.models import User
from trajecten.models import Application, Committee, Meeting, Programme, Trajectory
from trajecten.selectors import programme_results

pytestmark = pytest.mark.django_db


def test_demo_holds_every_state_and_three_trajectories_and_is_idempotent(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", "--quiet-logins")
    counts = (Application.objects.count(), Meeting.objects.count(), Trajectory.objects.count())
    call_command("seed_demo", "--quiet-logins")
    assert (
        Application.objects.count(),
        Meeting.objects.count(),
        Trajectory.objects.count(),
    ) == counts
    assert Programme.objects.count() == 1
    assert Committee.objects.get().members.count() == 2
    assert counts[1] == 2 and counts[2] == 3
    assert set(Application.objects.values_list("status", flat=True)) == set(
        Application.Status.values
    )
    # The more-information decision is in the history of an application back on the agenda.
    assert Application.objects.filter(decisions__outcome="more_info", status="scheduled").exists()
    results = programme_results(programme=Programme.objects.get())
    assert [c.checked for c in results.checks] == [3, 2, 1]
    assert results.check(24).share == 100

    client.force_login(User.objects.get(email="coordinator@huis.example"))
    page = client.get(reverse("trajecten:results"))
    assert page.status_code == 200
    member = User.objects.get(email="partner2@huis.example")
    client.force_login(member)
    assert client.get(reverse("trajecten:meeting_list")).context["meetings"]
