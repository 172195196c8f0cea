"""Partners book the house's rooms within the rules staff set; every other booking of a room
(intervision, committee meetings) goes through the same engine, so a clash is refused and named.

Also: the house approves or refuses, a partner cancels, every change is in the audit log, the
calendar costs the same queries with few or many bookings, and the words exist in nl, fr and en.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from ervaringsdeskundigen import services as experts
from ervaringsdeskundigen.services import ExpertsError
from huis.audit.models import AuditEntry
from huis.rooms import partner_services
from huis.rooms.models import PartnerBooking, RoomBooking
from huis.rooms.services import RoomClash, RoomError
from tests.trajecten.factories import CommitteeFactory
from trajecten import services as trajecten
from trajecten.models import CommitteeMember
from trajecten.services import TrajectenError

from .factories import bookable_room, moment

pytestmark = pytest.mark.django_db


def _book(actor, organisation, room, *, days=3, start=10, end=12, purpose="Teamvergadering"):
    return partner_services.partner_booking_request(
        actor=actor,
        organisation=organisation,
        room=room,
        starts_at=moment(days, start),
        ends_at=moment(days, end),
        purpose=purpose,
    )


def test_a_room_without_approval_is_booked_at_once_and_one_with_approval_waits(
    partner_a, organisation_a, staff
):
    at_once = _book(partner_a, organisation_a, bookable_room(name="Leslokaal 2"))
    assert at_once.status == PartnerBooking.Status.APPROVED
    waits = _book(partner_a, organisation_a, bookable_room(name="Leslokaal 1", needs_approval=True))
    assert waits.status == PartnerBooking.Status.PENDING
    assert RoomBooking.objects.count() == 2  # a waiting request holds its room meanwhile
    partner_services.partner_booking_approve(booking=waits, actor=staff)
    waits.refresh_from_db()
    assert waits.status == PartnerBooking.Status.APPROVED and waits.decided_by == staff
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"rooms.partner_booking.requested", "rooms.partner_booking.approved"} <= actions


@pytest.mark.parametrize(
    "rules,days,start,end,words",
    [
        ({"partner_bookable": False}, 3, 10, 12, "kunnen Lokaal"),
        ({"closes_at": dt.time(17, 0)}, 3, 16, 18, "van 09:00 tot 17:00"),
        ({"days_ahead": 14}, 20, 10, 12, "14 dagen"),
        ({}, -1, 10, 12, "toekomst"),
    ],
    ids=["not-for-partners", "after-closing", "too-far-ahead", "past"],
)
def test_the_rules_of_the_room_refuse_with_the_reason(
    partner_a, organisation_a, rules, days, start, end, words
):
    room = bookable_room(name="Lokaal X", **rules)
    with translation.override("nl"), pytest.raises(RoomError) as caught:
        _book(partner_a, organisation_a, room, days=days, start=start, end=end)
    assert words in caught.value.message
    assert not PartnerBooking.objects.exists() and not RoomBooking.objects.exists()


def test_a_partner_books_only_for_its_own_organisation(partner_a, organisation_b):
    with pytest.raises(RoomError):
        _book(partner_a, organisation_b, bookable_room())


def test_a_clash_with_another_partner_says_in_use_without_what(
    partner_a, organisation_a, partner_b, organisation_b
):
    room = bookable_room(name="Leslokaal 2")
    _book(partner_a, organisation_a, room, purpose="Geheim overleg")
    with translation.override("nl"), pytest.raises(RoomClash) as caught:
        _book(partner_b, organisation_b, room, start=11, end=13)
    message = caught.value.message
    assert "Leslokaal 2 is dan al in gebruik" in message and "10:00" in message
    assert "Geheim overleg" not in message and "Partner A" not in message


def test_a_clashing_intervision_session_is_refused_with_the_clash_named(
    partner_a, organisation_a, coordinator
):
    room = bookable_room(name="Leslokaal 1")
    _book(partner_a, organisation_a, room, start=14, end=16, purpose="Teamvergadering")
    with translation.override("nl"), pytest.raises(ExpertsError) as caught:
        experts.intervision_create(
            title="Intervisie",
            starts_at=moment(3, 15),
            ends_at=moment(3, 17),
            capacity=8,
            room=room,
            actor=coordinator,
        )
    message = caught.value.message
    assert "Leslokaal 1" in message and "Partner A: Teamvergadering" in message
    assert "van 14:00 tot 16:00" in message
    assert caught.value.field == "room"


def test_intervision_moves_and_cancels_its_room_booking(coordinator):
    room = bookable_room(name="Leslokaal 1")
    session = experts.intervision_create(
        title="Intervisie",
        starts_at=moment(3, 18),
        ends_at=moment(3, 20),
        capacity=8,
        room=room,
        actor=coordinator,
    )
    assert RoomBooking.objects.get().start == moment(3, 18)
    experts.intervision_move(
        session=session, starts_at=moment(4, 18), ends_at=moment(4, 20), actor=coordinator
    )
    assert RoomBooking.objects.get().start == moment(4, 18)
    experts.intervision_cancel(session=session, actor=coordinator)
    assert not RoomBooking.objects.exists()


def test_the_coordinator_sees_the_clash_on_the_intervision_form(partner_a, organisation_a, as_role):
    room = bookable_room(name="Leslokaal 1")
    _book(partner_a, organisation_a, room, start=14, end=16, purpose="Teamvergadering")
    response = as_role("coordinator").post(
        reverse("ervaringsdeskundigen:intervision_create"),
        {
            "title": "Intervisie",
            "date": moment(3, 15).date().isoformat(),
            "start": "15:00",
            "end": "17:00",
            "room": room.pk,
            "capacity": 8,
        },
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    assert response.status_code == 400
    assert "Partner A: Teamvergadering" in response.text


def test_a_committee_meeting_books_its_room_and_a_clash_is_named(
    partner_a, organisation_a, partner_b, organisation_b, coordinator
):
    committee = CommitteeFactory(name="Inclusiecommissie")
    CommitteeMember.objects.create(committee=committee, user=partner_b, organisation=organisation_b)
    room = bookable_room(name="Leslokaal 2")
    meeting = trajecten.meeting_create(
        actor=coordinator,
        committee=committee,
        starts_at=moment(5, 10),
        ends_at=moment(5, 12),
        room=room,
    )
    assert RoomBooking.objects.get().label == "Inclusiecommissie"
    assert meeting.room == room
    with translation.override("nl"), pytest.raises(RoomClash) as caught:
        _book(partner_a, organisation_a, room, days=5, start=11, end=12)
    assert "Inclusiecommissie" not in caught.value.message  # a partner learns only "in use"
    with pytest.raises(TrajectenError) as caught:
        trajecten.meeting_create(
            actor=coordinator, committee=committee, starts_at=moment(5, 9), room=room
        )
    assert caught.value.field == "ends_at"


def test_a_partner_cancels_and_the_room_is_free_again(partner_a, organisation_a, partner_b):
    booking = _book(partner_a, organisation_a, bookable_room())
    with pytest.raises(RoomError):
        partner_services.partner_booking_cancel(booking=booking, actor=partner_b)
    partner_services.partner_booking_cancel(booking=booking, actor=partner_a)
    assert not RoomBooking.objects.exists()
    booking.refresh_from_db()
    assert booking.status == PartnerBooking.Status.CANCELLED


def test_staff_change_the_rules_of_a_room(as_role):
    room = bookable_room(partner_bookable=False)
    client = as_role("staff")
    response = client.post(
        reverse("rooms:rules_edit", args=[room.pk]),
        {"partner_bookable": "on", "opens_at": "08:30", "closes_at": "22:00", "days_ahead": 30},
    )
    assert response.status_code == 302
    room.refresh_from_db()
    assert room.partner_bookable and not room.needs_approval
    assert (room.opens_at, room.closes_at, room.days_ahead) == (dt.time(8, 30), dt.time(22), 30)
    assert AuditEntry.objects.filter(action="rooms.rules_changed").exists()
    refused = client.post(
        reverse("rooms:rules_edit", args=[room.pk]),
        {"opens_at": "18:00", "closes_at": "09:00", "days_ahead": 30},
    )
    assert refused.status_code == 400


@pytest.mark.parametrize("role", ["anonymous", "partner_a", "staff"])
@pytest.mark.parametrize("mode", ["dag", "week"])
def test_the_calendar_costs_the_same_queries_with_few_or_many_bookings(
    role, mode, as_role, partner_a, organisation_a
):
    client = as_role(role)
    rooms = [bookable_room() for _ in range(3)]
    url = f"{reverse('rooms:calendar')}?weergave={mode}&dag={moment(3, 9).date().isoformat()}"
    client.get(url)  # warm up the session
    counts = []
    for size in (2, 12):
        existing = PartnerBooking.objects.count()
        for n in range(existing, size):
            _book(partner_a, organisation_a, rooms[n % 3], start=9 + n // 3, end=10 + n // 3)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 12, counts


@pytest.mark.parametrize(
    "language,words",
    [
        ("nl", "is dan al in gebruik"),
        ("fr", "est déjà occupé"),
        ("en", "is already in use"),
    ],
)
def test_the_clash_is_told_in_each_language(
    language, words, partner_a, organisation_a, partner_b, organisation_b
):
    room = bookable_room(name="Atelier")
    _book(partner_a, organisation_a, room)
    with translation.override(language), pytest.raises(RoomClash) as caught:
        _book(partner_b, organisation_b, room)
    assert words in caught.value.message


def test_the_committee_meeting_form_offers_the_rooms_and_names_a_clash(
    partner_a, organisation_a, partner_b, organisation_b, as_role
):
    committee = CommitteeFactory(name="Inclusiecommissie")
    CommitteeMember.objects.create(committee=committee, user=partner_b, organisation=organisation_b)
    room = bookable_room(name="Leslokaal 2")
    _book(partner_a, organisation_a, room, days=5, start=10, end=12, purpose="Buurtoverleg")
    client = as_role("coordinator")
    form = client.get(reverse("trajecten:meeting_create")).text
    assert "Leslokaal 2" in form
    response = client.post(
        reverse("trajecten:meeting_create"),
        {
            "committee": str(committee.pk),
            "starts_at": moment(5, 11).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": "13:00",
            "room": room.pk,
        },
    )
    assert "Partner A: Buurtoverleg" in response.text and "10:00" in response.text
    assert not committee.meetings.exists()


@pytest.mark.parametrize(
    "role,url_name", [("partner_a", "rooms:mine"), ("staff", "rooms:requests")]
)
def test_the_lists_of_bookings_cost_the_same_queries_with_few_or_many(
    role, url_name, as_role, partner_a, organisation_a
):
    client = as_role(role)
    rooms = [bookable_room(needs_approval=True) for _ in range(3)]
    url = reverse(url_name)
    client.get(url)  # warm up the session
    counts = []
    for size in (2, 12):
        for n in range(PartnerBooking.objects.count(), size):
            _book(partner_a, organisation_a, rooms[n % 3], start=9 + n // 3, end=10 + n // 3)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200 and "Teamvergadering" in response.text
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("decision", ["approve", "refuse"])
def test_the_partner_who_asked_hears_the_decision_once(decision, partner_a, organisation_a, staff):
    from huis.notifications.models import Notification
    from huis.notifications.services import render

    booking = _book(
        partner_a, organisation_a, bookable_room(name="Leslokaal 1", needs_approval=True)
    )
    if decision == "approve":
        partner_services.partner_booking_approve(booking=booking, actor=staff)
    else:
        partner_services.partner_booking_refuse(booking=booking, actor=staff, reason="Onderhoud")
    told = Notification.objects.get(recipient=partner_a, kind="rooms_decision")
    message = render(told)
    words = {"approve": "goedgekeurd", "refuse": "geweigerd"}[decision]
    assert "Leslokaal 1" in message.subject and words in message.subject
    assert "Teamvergadering" in message.text
    assert ("Onderhoud" in message.text) is (decision == "refuse")


def test_without_a_bookable_room_a_sent_booking_form_names_no_fields_that_are_not_there(
    client, partner_a
):
    """The page shows no form then; an error summary would link to fields that do not exist."""
    client.force_login(partner_a)
    response = client.post(reverse("rooms:book"), {})
    assert response.status_code == 400
    assert b'id="error-summary"' not in response.content
    assert PartnerBooking.objects.count() == 0


def test_a_persons_bookings_are_in_their_data_and_their_name_leaves_them_on_erasure(
    partner_a, organisation_a, staff
):
    from huis.core.registry import personal_data_providers

    rooms = next(p for p in personal_data_providers() if p.name == "rooms")
    booking = _book(partner_a, organisation_a, bookable_room(needs_approval=True))
    partner_services.partner_booking_approve(booking=booking, actor=staff)
    exported = rooms.export(partner_a)["room_bookings"]
    assert [(b["purpose"], b["status"]) for b in exported] == [("Teamvergadering", "approved")]
    assert rooms.export(staff) == {"room_bookings": []}
    rooms.erase(partner_a)
    rooms.erase(staff)
    booking.refresh_from_db()
    # The organisation keeps its booking; who asked for it and who approved it are gone.
    assert booking.status == "approved" and booking.organisation == organisation_a
    assert booking.requested_by is None and booking.decided_by is None
