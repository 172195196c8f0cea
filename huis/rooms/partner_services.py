"""Partners book the house's rooms for their own meetings, within the rules staff set per room.

A request holds its room at once (through `booking_set`, so nothing else can take it meanwhile);
a room that needs approval waits for staff, who approve or refuse. Refused and cancelled requests
let the room go.
"""

import datetime as dt
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from huis.accounts.access import is_house, organisation_ids
from huis.audit.services import log_action
from huis.core.locking import lock
from huis.notifications.services import notification_schedule

from .models import PartnerBooking, Room
from .services import RoomClash, RoomError, booking_release, booking_set

Status = PartnerBooking.Status
DECISION_KIND = "rooms_decision"


def booking_label(booking: PartnerBooking) -> str:
    return f"{booking.organisation.name}: {booking.purpose}"


def rule_refusal(*, room: Room, start: dt.datetime, end: dt.datetime) -> str:
    """Why a partner may not book `room` then ("" when the rules allow it). The form asks the
    same rule before the service writes."""
    if not room.is_active or not room.partner_bookable:
        return _("Partners cannot book %(room)s.") % {"room": room.name}
    if end <= start:
        return _("The end must be after the start.")
    local_start, local_end = timezone.localtime(start), timezone.localtime(end)
    if local_start.date() != local_end.date():
        return _("A booking starts and ends on the same day.")
    if local_start.time() < room.opens_at or local_end.time() > room.closes_at:
        return _("%(room)s can be booked from %(opens)s to %(closes)s.") % {
            "room": room.name,
            "opens": room.opens_at.strftime("%H:%M"),
            "closes": room.closes_at.strftime("%H:%M"),
        }
    now = timezone.now()
    if start <= now:
        return _("Choose a moment in the future.")
    if local_start.date() > timezone.localdate() + dt.timedelta(days=room.days_ahead):
        return _("%(room)s can be booked at most %(days)d days ahead.") % {
            "room": room.name,
            "days": room.days_ahead,
        }
    return ""


@transaction.atomic
def partner_booking_request(
    *,
    actor: Any,
    organisation: Any,
    room: Room,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    purpose: str,
    request: HttpRequest | None = None,
) -> PartnerBooking:
    if organisation.pk not in organisation_ids(actor):
        raise RoomError(_("Book for your own organisation."), field="organisation")
    purpose = purpose.strip()
    if not purpose:
        raise RoomError(_("Say what the room is for."), field="purpose")
    refusal = rule_refusal(room=room, start=starts_at, end=ends_at)
    if refusal:
        raise RoomError(refusal)
    booking = PartnerBooking.objects.create(
        room=room,
        organisation=organisation,
        requested_by=actor,
        starts_at=starts_at,
        ends_at=ends_at,
        purpose=purpose[:150],
        status=Status.PENDING if room.needs_approval else Status.APPROVED,
    )
    try:
        booking_set(
            holder=booking, room=room, start=starts_at, end=ends_at, label=booking_label(booking)
        )
    except RoomClash as clash:
        # A partner learns that the room is taken then, not what another organisation does.
        raise RoomClash(clash.clash, detailed=False) from clash
    log_action(
        actor=actor,
        action="rooms.partner_booking.requested",
        obj=booking,
        data={"room": room.pk, "status": booking.status},
        request=request,
    )
    return booking


def _locked(booking: PartnerBooking) -> PartnerBooking:
    return lock(PartnerBooking.objects.select_related("room", "organisation"), booking.pk)


@transaction.atomic
def partner_booking_approve(
    *, booking: PartnerBooking, actor: Any, request: HttpRequest | None = None
) -> PartnerBooking:
    booking = _locked(booking)
    if booking.status != Status.PENDING:
        raise RoomError(_("Only a request that waits for approval can be approved."))
    booking.status = Status.APPROVED
    booking.decided_by = actor
    booking.decided_at = timezone.now()
    booking.save(update_fields=["status", "decided_by", "decided_at"])
    log_action(actor=actor, action="rooms.partner_booking.approved", obj=booking, request=request)
    _tell_partner(booking)
    return booking


@transaction.atomic
def partner_booking_refuse(
    *, booking: PartnerBooking, actor: Any, reason: str = "", request: HttpRequest | None = None
) -> PartnerBooking:
    booking = _locked(booking)
    if booking.status != Status.PENDING:
        raise RoomError(_("Only a request that waits for approval can be refused."))
    booking.status = Status.REFUSED
    booking.decided_by = actor
    booking.decided_at = timezone.now()
    booking.refusal_reason = reason.strip()[:300]
    booking.save(update_fields=["status", "decided_by", "decided_at", "refusal_reason"])
    booking_release(holder=booking)
    log_action(actor=actor, action="rooms.partner_booking.refused", obj=booking, request=request)
    _tell_partner(booking)
    return booking


def _tell_partner(booking: PartnerBooking) -> None:
    """The worker who asked hears the decision once (the outbox sends it after the commit)."""
    worker = booking.requested_by
    if worker is None or not worker.is_active:
        return
    language = worker.preferred_language
    with translation.override(language):
        start = timezone.localtime(booking.starts_at)
        end = timezone.localtime(booking.ends_at)
        context = {
            "name": worker.display_name,
            "room": booking.room.name,
            "purpose": booking.purpose,
            "when": (
                f"{formats.date_format(start, 'l j F Y')}, "
                f"{formats.time_format(start, 'H:i')}–{formats.time_format(end, 'H:i')}"
            ),
            "outcome": str(booking.get_status_display()),
            "reason": booking.refusal_reason,
            "url": booking.get_absolute_url(),
        }
    notification_schedule(
        key=f"rooms-decision:{booking.pk}",
        kind=DECISION_KIND,
        context=context,
        recipient=worker,
        language=language,
    )


def can_cancel(user: Any, booking: PartnerBooking) -> bool:
    return booking.holds_room and (
        is_house(user) or booking.organisation_id in organisation_ids(user)
    )


@transaction.atomic
def partner_booking_cancel(
    *, booking: PartnerBooking, actor: Any, request: HttpRequest | None = None
) -> PartnerBooking:
    booking = _locked(booking)
    if not booking.holds_room:
        raise RoomError(_("This booking is no longer running."))
    if not can_cancel(actor, booking):
        raise RoomError(_("Only your own organisation's bookings can be cancelled."))
    booking.status = Status.CANCELLED
    booking.save(update_fields=["status"])
    booking_release(holder=booking)
    log_action(actor=actor, action="rooms.partner_booking.cancelled", obj=booking, request=request)
    return booking


@transaction.atomic
def room_rules_update(
    *,
    room: Room,
    actor: Any,
    partner_bookable: bool,
    opens_at: dt.time,
    closes_at: dt.time,
    days_ahead: int,
    needs_approval: bool,
    request: HttpRequest | None = None,
) -> Room:
    """New rules count for new requests; bookings already made stay."""
    if closes_at <= opens_at:
        raise RoomError(_("The room closes after it opens."), field="closes_at")
    if not 1 <= days_ahead <= 366:
        raise RoomError(_("Choose between 1 and 366 days."), field="days_ahead")
    room = lock(Room.objects.all(), room.pk)
    room.partner_bookable = partner_bookable
    room.opens_at = opens_at
    room.closes_at = closes_at
    room.days_ahead = days_ahead
    room.needs_approval = needs_approval
    room.save(
        update_fields=["partner_bookable", "opens_at", "closes_at", "days_ahead", "needs_approval"]
    )
    log_action(
        actor=actor,
        action="rooms.rules_changed",
        obj=room,
        data={
            "partner_bookable": partner_bookable,
            "opens_at": opens_at.strftime("%H:%M"),
            "closes_at": closes_at.strftime("%H:%M"),
            "days_ahead": days_ahead,
            "needs_approval": needs_approval,
        },
        request=request,
    )
    return room
