"""Places, waiting lists and promotion: the one mechanism behind activities, courses, sessions."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from huis.audit.models import AuditEntry
from huis.places.models import PlaceChange, PlaceClaim, PlaceOffering
from huis.places.services import (
    AlreadySignedUp,
    OfferingSettings,
    PlaceError,
    claim_accept_offer,
    claim_cancel,
    claim_create,
    claim_from_token,
    claim_make_token,
    claim_move_up,
    claim_promoted,
    claim_set_attendance,
    normalise_phone,
    offering_configure,
    offering_set_open,
    offers_expire,
)
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def make_offering(capacity=2, **extra) -> PlaceOffering:
    # Any model can hold places; an organisation stands in for an activity or a course.
    config = OfferingSettings(capacity=capacity, is_open=True, **extra)
    return offering_configure(holder=OrganisationFactory(), config=config)


def sign_up(offering, n: int, places: int = 1) -> PlaceClaim:
    return claim_create(offering=offering, name=f"P{n}", email=f"p{n}@test.example", places=places)


@pytest.fixture(autouse=True)
def in_english():
    # These tests match the mechanism's messages; the catalogs' wording may change.
    with translation.override("en"):
        yield


@pytest.fixture
def promotions():
    seen = []

    def receiver(sender, claim, offered, **kwargs):
        seen.append((claim.name, offered))

    claim_promoted.connect(receiver)
    yield seen
    claim_promoted.disconnect(receiver)


def test_places_are_given_until_full_then_people_wait_in_order():
    offering = make_offering(capacity=2)
    claims = [sign_up(offering, n) for n in range(4)]
    assert [c.status for c in claims] == ["confirmed", "confirmed", "waiting", "waiting"]
    assert claims[2].rank < claims[3].rank
    offering.refresh_from_db()
    assert offering.taken == 2 and offering.places_left == 0 and offering.is_full


def test_a_freed_place_goes_to_the_first_person_waiting_at_once(promotions):
    offering = make_offering(capacity=1)
    first, second, third = (sign_up(offering, n) for n in range(3))
    claim_cancel(claim=first, actor=None)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "confirmed" and third.status == "waiting"
    assert promotions == [("P1", False)]


def test_offer_mode_gives_the_next_person_time_then_passes_on(promotions):
    offering = make_offering(capacity=1, waitlist_mode="offer", offer_hours=12)
    first, second, third = (sign_up(offering, n) for n in range(3))
    claim_cancel(claim=first, actor=None)
    second.refresh_from_db()
    assert second.status == "offered"
    assert second.offer_expires_at is not None
    # The offer holds the place: a newcomer waits.
    assert sign_up(offering, 9).status == "waiting"
    # Not taken in time: it passes to the next.
    assert offers_expire(now=timezone.now() + dt.timedelta(hours=13)) == 1
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == "lapsed" and third.status == "offered"
    assert promotions == [("P1", True), ("P2", True)]
    claim_accept_offer(claim=third, actor=None)
    third.refresh_from_db()
    assert third.status == "confirmed"
    with pytest.raises(PlaceError):
        claim_accept_offer(claim=second, actor=None)


def test_an_offer_never_runs_past_the_close_of_sign_up():
    closes = timezone.now() + dt.timedelta(hours=2)
    offering = make_offering(capacity=1, waitlist_mode="offer", offer_hours=48, closes_at=closes)
    first, second = sign_up(offering, 1), sign_up(offering, 2)
    claim_cancel(claim=first, actor=None)
    second.refresh_from_db()
    assert second.offer_expires_at == closes


def test_leaving_the_waiting_list_keeps_the_order_for_others():
    offering = make_offering(capacity=1)
    _first, second, third = (sign_up(offering, n) for n in range(3))
    claim_cancel(claim=second, actor=None)
    third.refresh_from_db()
    assert third.status == "waiting"
    with pytest.raises(PlaceError):
        claim_cancel(claim=second, actor=None)


def test_group_places_are_one_sign_up_and_a_group_that_does_not_fit_keeps_its_turn():
    offering = make_offering(capacity=3)
    family = sign_up(offering, 1, places=2)
    assert family.status == "confirmed"
    single = sign_up(offering, 2)
    group = sign_up(offering, 3, places=2)  # needs 2, none left
    late_single = sign_up(offering, 4)
    assert (group.status, late_single.status) == ("waiting", "waiting")
    claim_cancel(claim=single, actor=None)  # one place frees: the group does not fit in it
    group.refresh_from_db()
    late_single.refresh_from_db()
    assert group.status == "waiting" and late_single.status == "confirmed"
    offering.refresh_from_db()
    assert offering.taken == 3


def test_too_many_places_in_one_sign_up_is_refused():
    offering = make_offering(capacity=10, max_places_per_claim=3)
    with pytest.raises(PlaceError, match="3"):
        sign_up(offering, 1, places=4)
    assert not PlaceClaim.objects.exists()


def test_the_same_person_cannot_take_two_places():
    offering = make_offering(capacity=5)
    user = UserFactory(email="vera@test.example")
    claim_create(offering=offering, name="Vera", user=user, email=user.email)
    with pytest.raises(AlreadySignedUp):
        claim_create(offering=offering, name="Vera", user=user, email=user.email)
    with pytest.raises(AlreadySignedUp):  # as a guest with the same address, other case
        claim_create(offering=offering, name="V", email="VERA@test.example")
    claim_create(offering=offering, name="Jan", phone="0470 12 34 56")
    with pytest.raises(AlreadySignedUp):
        claim_create(offering=offering, name="Jan", phone="+32 470/12.34.56")
    assert PlaceClaim.objects.count() == 2


def test_the_database_refuses_a_second_active_sign_up_too():
    offering = make_offering(capacity=5)
    sign_up(offering, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceClaim.objects.create(
            offering=offering, name="x", email="P1@test.example", status="waiting"
        )


def test_after_cancelling_one_can_sign_up_again():
    offering = make_offering(capacity=5)
    claim_cancel(claim=sign_up(offering, 1), actor=None)
    assert sign_up(offering, 1).status == "confirmed"


def test_a_guest_must_be_reachable():
    offering = make_offering()
    with pytest.raises(PlaceError):
        claim_create(offering=offering, name="Nobody")


def test_closed_offering_and_walk_in_refuse_sign_ups():
    offering = make_offering()
    offering_set_open(offering=offering, is_open=False)
    with pytest.raises(PlaceError):
        sign_up(offering, 1)
    walk_in = offering_configure(
        holder=OrganisationFactory(), config=OfferingSettings(capacity=None, is_open=True)
    )
    with pytest.raises(PlaceError, match="walk in"):
        sign_up(walk_in, 1)


def test_sign_up_window_is_respected():
    now = timezone.now()
    later = make_offering(opens_at=now + dt.timedelta(days=1))
    with pytest.raises(PlaceError, match="not open yet"):
        sign_up(later, 1)
    past = make_offering(closes_at=now - dt.timedelta(minutes=1))
    with pytest.raises(PlaceError, match="closed"):
        sign_up(past, 1)


def test_no_promotion_after_sign_up_closes():
    offering = make_offering(capacity=1)
    first, second = sign_up(offering, 1), sign_up(offering, 2)
    PlaceOffering.objects.filter(pk=offering.pk).update(closes_at=timezone.now())
    claim_cancel(claim=first, actor=None)
    second.refresh_from_db()
    assert second.status == "waiting"


def test_more_places_go_to_those_waiting_and_fewer_than_taken_is_refused():
    offering = make_offering(capacity=1)
    sign_up(offering, 1)
    waiting = sign_up(offering, 2)
    offering_configure(holder=offering.holder, config=OfferingSettings(capacity=2, is_open=True))
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"
    with pytest.raises(PlaceError, match="2 places"):
        offering_configure(
            holder=offering.holder, config=OfferingSettings(capacity=1, is_open=True)
        )
    offering.refresh_from_db()
    assert offering.capacity == 2


def test_staff_move_someone_up_only_with_a_reason_which_is_kept(staff):
    offering = make_offering(capacity=1)
    sign_up(offering, 0)
    first, second = sign_up(offering, 1), sign_up(offering, 2)
    with pytest.raises(PlaceError):
        claim_move_up(claim=second, actor=staff, reason="  ")
    claim_move_up(claim=second, actor=staff, reason="Komt elke week, heeft het nodig")
    ordered = list(offering.claims.filter(status="waiting").order_by("rank"))
    assert ordered == [second, first]
    change = PlaceChange.objects.get(claim=second)
    assert change.actor == staff and "elke week" in change.reason
    assert AuditEntry.objects.filter(action="places.moved_up", actor=staff).exists()


def test_attendance_only_for_people_with_a_place(staff):
    offering = make_offering(capacity=1)
    confirmed, waiting = sign_up(offering, 1), sign_up(offering, 2)
    claim_set_attendance(claim=confirmed, attendance="attended", actor=staff)
    with pytest.raises(PlaceError):
        claim_set_attendance(claim=waiting, attendance="attended", actor=staff)


def test_signed_links_refuse_tampering_and_expire():
    offering = make_offering()
    claim = sign_up(offering, 1)
    until = timezone.now() + dt.timedelta(days=1)
    token = claim_make_token(claim=claim, valid_until=until)
    assert claim_from_token(token=token) == claim
    with pytest.raises(PlaceError, match="not valid"):
        claim_from_token(token=token[:-2] + "xx")
    with pytest.raises(PlaceError, match="expired"):
        claim_from_token(token=token, now=until + dt.timedelta(seconds=1))


def test_phone_numbers_are_compared_by_their_digits():
    assert normalise_phone("+32 470 12 34 56") == normalise_phone("0470/12.34.56") == "0470123456"
    assert normalise_phone("0032 9 123 45 67") == "091234567"


def test_database_never_allows_more_taken_than_places():
    offering = make_offering(capacity=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceOffering.objects.filter(pk=offering.pk).update(taken=2)


def test_each_function_reaches_only_the_claims_of_its_own_offerings():
    from huis.accounts.models import Organisation
    from huis.places.selectors import claims_of
    from tests.factories import ActivityFactory

    activity = ActivityFactory(capacity=5)
    other = offering_configure(
        holder=OrganisationFactory(), config=OfferingSettings(capacity=5, is_open=True)
    )
    mine = claim_create(offering=activity.offering, name="A", email="a@test.example")
    theirs = claim_create(offering=other, name="B", email="b@test.example")
    assert list(claims_of(holder_model=type(activity))) == [mine]
    assert list(claims_of(holder_model=Organisation)) == [theirs]


def test_a_number_stored_as_e164_finds_the_same_person_as_one_written_the_belgian_way():
    offering = offering_configure(
        holder=OrganisationFactory(), config=OfferingSettings(capacity=5, is_open=True)
    )
    claim_create(offering=offering, name="A", phone="0470 12 34 56")
    with pytest.raises(AlreadySignedUp):
        claim_create(offering=offering, name="B", phone="+32470123456")
    assert normalise_phone("+32470123456") == normalise_phone("0470 12 34 56") == "0470123456"


def test_refusals_of_places_and_rooms_are_the_core_domain_error():
    from huis.core.errors import DomainError
    from huis.rooms.services import RoomError

    assert issubclass(PlaceError, DomainError) and issubclass(RoomError, DomainError)
    assert PlaceError("x").message == "x"
