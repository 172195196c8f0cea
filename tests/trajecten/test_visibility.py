"""Who sees an application, and what: the preparing organisation, the committee of that meeting
(only until the decision, then the summary), coordinators; everyone else 404. Every read is
written to the audit log; a withdrawn consent stops the sharing at once."""

import pytest
from django.urls import reverse

from huis.audit.models import AuditEntry
from trajecten.models import CommitteeMember
from trajecten.permissions import Access, application_access
from trajecten.services import APPLICATION_VIEWED

from .factories import MeetingFactory, decide, schedule, trajectory_for, withdraw

pytestmark = pytest.mark.django_db
STORY = "We wonen al twee jaar in onze auto."


def _page(client, user, application):
    client.force_login(user)
    return client.get(reverse("trajecten:application_detail", args=[application.pk]))


def test_before_the_decision_the_meeting_sees_it_in_full(
    client, scheduled, partner_a, partner_b, coordinator, staff
):
    application = scheduled.application
    for user in (partner_a, partner_b, coordinator):
        response = _page(client, user, application)
        assert response.status_code == 200
        assert STORY in response.text, user
        assert "Housing history" in response.text
    assert _page(client, staff, application).status_code == 404


def test_after_the_decision_the_committee_sees_only_the_summary(
    client, scheduled, partner_a, partner_b, coordinator
):
    decide(scheduled, "not_admitted", reasons="Het gezin heeft al een woning gevonden.")
    application = scheduled.application
    member = _page(client, partner_b, application)
    assert member.status_code == 200
    assert "Not admitted" in member.text
    assert "Het gezin heeft al een woning gevonden." in member.text
    assert STORY not in member.text
    assert "Housing history" not in member.text
    # The preparing organisation and the coordinators still read it in full.
    for user in (partner_a, coordinator):
        assert STORY in _page(client, user, application).text


def test_a_member_who_does_not_sit_in_that_meeting_sees_nothing(
    client, committee, application_a, organisation_a, partner_b, visitor
):
    other = MeetingFactory(committee=committee, members=[])
    schedule(application_a, other)
    assert _page(client, partner_b, application_a).status_code == 404
    assert application_access(partner_b, application_a) is Access.NONE


def test_a_member_of_an_earlier_meeting_sees_the_summary_of_the_next_one(
    client, scheduled, committee, partner_b, organisation_a
):
    """More information was asked in the first meeting; partner B does not sit in the second."""
    decide(scheduled, "more_info", reasons="Hoe lang al zonder woning?")
    application = scheduled.application
    application.status = "submitted"
    application.save()
    second = MeetingFactory(committee=committee, members=[])
    schedule(application, second)
    assert application_access(partner_b, application) is Access.SUMMARY
    # When partner B sits in the second meeting, they see it in full again until it decides.
    second.members.set(CommitteeMember.objects.filter(user=partner_b))
    assert application_access(partner_b, application) is Access.FULL


def test_a_draft_is_not_shared_with_anyone(client, application_a, partner_b, coordinator):
    for user in (partner_b, coordinator):
        assert _page(client, user, application_a).status_code == 404


def test_withdrawing_consent_stops_sharing_at_once(
    client, scheduled, partner_a, partner_b, coordinator
):
    withdraw(scheduled.application.consent)
    for user in (partner_b, coordinator):
        response = _page(client, user, scheduled.application)
        assert response.status_code == 200
        assert STORY not in response.text
        assert "not shared with you" in response.text
    # The organisation that prepared it with the family still holds its own record.
    assert STORY in _page(client, partner_a, scheduled.application).text


def test_every_read_is_audited_with_how_much_was_seen(client, scheduled, partner_b, coordinator):
    _page(client, coordinator, scheduled.application)
    decide(scheduled, "admitted")
    _page(client, partner_b, scheduled.application)
    reads = AuditEntry.objects.filter(action=APPLICATION_VIEWED).order_by("pk")
    assert [(r.actor, r.data["details"]) for r in reads] == [
        (coordinator, True),
        (partner_b, False),
    ]


def test_lists_show_only_what_may_be_seen(client, scheduled, application_a, partner_b, staff):
    client.force_login(staff)
    assert application_a.family_label not in client.get(reverse("trajecten:application_list")).text
    client.force_login(partner_b)
    assert application_a.family_label not in client.get(reverse("trajecten:application_list")).text


def test_a_trajectory_is_seen_by_its_partners_only(
    client, programme, organisation_a, organisation_b, partner_a, partner_b, staff
):
    from .factories import ApplicationFactory

    application = ApplicationFactory(programme=programme, organisation=organisation_a)
    import datetime as dt

    from django.utils import timezone

    trajectory = trajectory_for(
        application,
        started_on=timezone.localdate() - dt.timedelta(days=10),
        partners=[organisation_b],
    )
    url = reverse("trajecten:trajectory_detail", args=[trajectory.pk])
    for user, status in ((partner_a, 200), (partner_b, 200), (staff, 404)):
        client.force_login(user)
        assert client.get(url).status_code == status, user
    client.force_login(partner_b)
    assert application.family_label in client.get(reverse("trajecten:trajectory_list")).text
