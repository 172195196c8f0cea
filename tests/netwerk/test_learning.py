"""Partners learn together (issue #29): groups of partner workers and experts by experience,
sessions in a room of the house with places through huis.places, agenda and minutes for the
members only; a move or a cancellation tells the members once and moves the reminders."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from huis.audit.models import AuditEntry
from huis.notifications.models import Notification
from huis.places.models import PlaceClaim
from netwerk.services import NetwerkError, learning
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _emails(prefix: str):
    return Notification.objects.filter(key__startswith=prefix, channel="email")


def test_members_read_the_agenda_and_minutes_others_do_not_learn_the_session_exists(
    as_role, learning_session, partner_a
):
    learning.session_write_notes(
        session=learning_session,
        actor=partner_a,
        agenda="Casus van Mila bespreken.",
        minutes="Afgesproken: Mila krijgt een buddy.",
    )
    url = reverse("netwerk:session_detail", args=[learning_session.pk])
    page = as_role("expert").get(url).text
    assert "Casus van Mila" in page and "Mila krijgt een buddy" in page
    assert as_role("partner_b").get(url).status_code == 404
    listing = as_role("partner_b").get(reverse("netwerk:group_list")).text
    assert learning_session.group.name not in listing
    assert learning_session.group.name in as_role("expert").get(reverse("netwerk:group_list")).text


def test_a_room_clash_is_refused_and_named(learning_session, partner_a):
    with pytest.raises(NetwerkError) as refused:
        learning.session_plan(
            group=learning_session.group,
            actor=partner_a,
            starts_at=learning_session.starts_at + dt.timedelta(minutes=30),
            ends_at=learning_session.ends_at + dt.timedelta(minutes=30),
            capacity=5,
            room=learning_session.room,
        )
    assert refused.value.field == "room"
    assert learning_session.room.name in str(refused.value.message)
    assert "Intervisie outreach" in str(refused.value.message)


def test_signing_up_is_for_members_and_schedules_a_reminder(learning_session, expert, partner_b):
    claim = learning.session_sign_up(session=learning_session, user=expert)
    assert claim.status == PlaceClaim.Status.CONFIRMED
    reminder = _emails(f"netwerk:learning-reminder:{learning_session.pk}:{expert.pk}:").get()
    assert reminder.due_at == learning_session.starts_at - dt.timedelta(days=1)
    with pytest.raises(NetwerkError):
        learning.session_sign_up(session=learning_session, user=partner_b)
    learning.session_cancel_sign_up(session=learning_session, user=expert)
    reminder.refresh_from_db()
    assert reminder.status == Notification.Status.CANCELLED


def test_moving_tells_every_member_once_and_moves_the_reminders(
    learning_session, partner_a, expert
):
    learning.session_sign_up(session=learning_session, user=expert)
    new_start = learning_session.starts_at + dt.timedelta(days=2)
    move = {
        "session": learning_session,
        "actor": partner_a,
        "starts_at": new_start,
        "ends_at": new_start + dt.timedelta(hours=2),
        "room": None,
        "place": "Bij partner A, Kerkstraat 3",
    }
    assert learning.session_move(**move) == 2  # the expert (signed up) and partner A (member)
    learning.session_move(**move)  # the same move again tells nobody twice
    moved = _emails("notice:moved:netwerk.learning-session:")
    assert sorted(n.recipient_id for n in moved) == sorted([expert.pk, partner_a.pk])
    pending = _emails(f"netwerk:learning-reminder:{learning_session.pk}:").filter(status="pending")
    assert [n.due_at for n in pending] == [new_start - dt.timedelta(days=1)]
    assert AuditEntry.objects.filter(action="netwerk.session.moved").count() == 2


def test_cancelling_tells_the_members_once_and_frees_the_room(
    learning_session, partner_a, expert, coordinator
):
    learning.session_sign_up(session=learning_session, user=expert)
    room = learning_session.room
    assert learning.session_cancel(session=learning_session, actor=coordinator, reason="Ziek") == 2
    with pytest.raises(NetwerkError):
        learning.session_cancel(session=learning_session, actor=coordinator)
    assert _emails("notice:cancelled:netwerk.learning-session:").count() == 2
    assert not _emails(f"netwerk:learning-reminder:{learning_session.pk}:").filter(status="pending")
    # The room is free again for something else at that moment.
    other = learning.session_plan(
        group=learning_session.group,
        actor=partner_a,
        starts_at=learning_session.starts_at,
        ends_at=learning_session.ends_at,
        capacity=4,
        room=room,
    )
    assert other.room == room
    assert AuditEntry.objects.filter(action="netwerk.session.cancelled").exists()


def test_the_groups_own_coordinator_changes_the_members_not_the_coordinator(
    as_role, learning_group, partner_a, expert, partner_b
):
    client = as_role("partner_a")
    url = reverse("netwerk:group_update", args=[learning_group.pk])
    assert "coordinator" not in client.get(url).context["form"].fields
    response = client.post(
        url,
        {
            "name": learning_group.name,
            "kind": "working_group",
            "members": [partner_a.pk, partner_b.pk],
        },
    )
    assert response.status_code == 302
    learning_group.refresh_from_db()
    assert set(learning_group.members.all()) == {partner_a, partner_b}
    assert learning_group.coordinator == partner_a
    entry = AuditEntry.objects.filter(action="netwerk.group.changed").get()
    assert entry.data == {"added": [partner_b.pk], "removed": [expert.pk]}


def test_a_visitor_cannot_be_made_a_member(coordinator, visitor):
    with pytest.raises(NetwerkError):
        learning.group_create(actor=coordinator, name="X", kind="intervision", members=[visitor])


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_the_group_list_and_a_session_cost_a_fixed_number_of_queries(
    as_role, learning_session, coordinator, partner_a
):
    group = learning_session.group
    worker = UserFactory(roles=["partner_worker"])

    def grow(n: int) -> None:
        for i in range(n):
            member = UserFactory(roles=["expert"])
            other = learning.group_create(
                actor=coordinator,
                name=f"Werkgroep {i}",
                kind="working_group",
                coordinator=worker,
                members=[partner_a, member],
            )
            start = timezone.now() + dt.timedelta(days=20 + i)
            learning.session_plan(
                group=other,
                actor=coordinator,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=1),
                capacity=30,
                place="Elders",
            )
            group.members.add(member)
            learning.session_sign_up(session=learning_session, user=member)

    client = as_role("partner_a")
    urls = [
        reverse("netwerk:group_list"),
        reverse("netwerk:session_detail", args=[learning_session.pk]),
        reverse("netwerk:group_detail", args=[group.pk]),
    ]
    for url in urls:
        client.get(url)
    counts = []
    for size in (2, 12):
        grow(size)
        counts.append([_count(client, url) for url in urls])
    assert counts[0] == counts[1], counts


def test_an_expert_in_a_group_finds_it_from_the_home_page(as_role, learning_group):
    home = as_role("expert").get(reverse("core:home")).text
    assert reverse("netwerk:group_list") in home
