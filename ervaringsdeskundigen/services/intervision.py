"""Intervision sessions: places, sign-up and attendance through the shared huis.places mechanism."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.core.locking import lock
from huis.notifications import notices
from huis.places import services as places
from huis.places.models import ACTIVE_STATUSES, PlaceClaim
from huis.rooms.models import Room
from huis.rooms.services import RoomError, booking_release, booking_set

from ..models import IntervisionSession
from .errors import ExpertsError


@transaction.atomic
def intervision_create(
    *,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int,
    actor: Any,
    place: str = "",
    description: str = "",
    room: Room | None = None,
) -> IntervisionSession:
    if ends_at <= starts_at:
        raise ExpertsError(_("The end comes after the start."))
    session = IntervisionSession.objects.create(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        room=room,
        description=description,
        created_by=actor,
    )
    _book_room(session)
    offering = places.offering_configure(
        holder=session,
        config=places.OfferingSettings(
            capacity=capacity, is_open=True, closes_at=starts_at, max_places_per_claim=1
        ),
    )
    session.offering = offering
    session.save(update_fields=["offering"])
    log_action(actor=actor, action="ervaringsdeskundigen.intervision.created", obj=session)
    return session


def _book_room(session: IntervisionSession) -> None:
    """The session's room through the house's one booking engine: a clash is refused, named."""
    try:
        booking_set(
            holder=session,
            room=session.room,
            start=session.starts_at,
            end=session.ends_at,
            label=session.title,
        )
    except RoomError as exc:
        raise ExpertsError(exc.message, field="room") from exc


def intervision_sign_up(*, session: IntervisionSession, user: Any) -> PlaceClaim:
    try:
        return places.claim_create(
            offering=session.offering,
            name=user.display_name,
            email=user.email,
            user=user,
            language=user.preferred_language,
            actor=user,
        )
    except places.PlaceError as exc:
        raise ExpertsError(str(exc)) from exc


def intervision_cancel_sign_up(*, claim: PlaceClaim, actor: Any) -> PlaceClaim:
    try:
        return places.claim_cancel(claim=claim, actor=actor)
    except places.PlaceError as exc:
        raise ExpertsError(str(exc)) from exc


def intervision_attendance(*, claim: PlaceClaim, attendance: str, actor: Any) -> PlaceClaim:
    try:
        return places.claim_set_attendance(claim=claim, attendance=attendance, actor=actor)
    except places.PlaceError as exc:
        raise ExpertsError(str(exc)) from exc


def _occasion(session: IntervisionSession) -> notices.Occasion:
    return notices.Occasion(
        ref=f"ervaringsdeskundigen.intervision:{session.pk}",
        title=session.title,
        url=settings.SITE_URL + session.get_absolute_url(),
    )


def _concerned(session: IntervisionSession) -> list[notices.Addressee]:
    if not session.offering_id:
        return []
    claims = PlaceClaim.objects.filter(
        offering_id=session.offering_id, status__in=ACTIVE_STATUSES
    ).select_related("user", "user__notification_preference")
    return notices.addressees_from_claims(claims.order_by("pk"))


@transaction.atomic
def intervision_move(
    *,
    session: IntervisionSession,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    actor: Any,
    place: str | None = None,
    room: Room | bool | None = False,
) -> IntervisionSession:
    """A new time (and place): everyone signed up or waiting is told once, through the core's
    change notices."""
    session = lock(IntervisionSession.objects.all(), session.pk)
    if session.is_cancelled:
        raise ExpertsError(_("This session is cancelled. It cannot be changed any more."))
    if ends_at <= starts_at:
        raise ExpertsError(_("The end comes after the start."))
    if starts_at <= timezone.now():
        raise ExpertsError(_("Choose a moment in the future."))
    old_start, old_end = session.starts_at, session.ends_at
    session.starts_at, session.ends_at = starts_at, ends_at
    if place is not None:
        session.place = place.strip()
    if room is not False:  # False: keep the room; None: no room of the house any more
        session.room = room
    session.save(update_fields=["starts_at", "ends_at", "place", "room"])
    _book_room(session)
    if session.offering_id:
        places.offering_configure(
            holder=session,
            config=places.OfferingSettings(
                capacity=session.offering.capacity,
                is_open=session.offering.is_open,
                closes_at=starts_at,
                max_places_per_claim=1,
            ),
        )
    told = 0
    if (old_start, old_end) != (starts_at, ends_at):
        told = notices.notice_moved(
            occasion=_occasion(session),
            addressees=_concerned(session),
            old_start=old_start,
            new_start=starts_at,
            new_end=ends_at,
            place=session.place,
        )
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.intervision.moved",
        obj=session,
        data={"told": told},
    )
    return session


@transaction.atomic
def intervision_cancel(
    *, session: IntervisionSession, actor: Any, reason: str = ""
) -> IntervisionSession:
    """Nobody can sign up any more; everyone signed up or waiting is told once."""
    session = lock(IntervisionSession.objects.all(), session.pk)
    if session.is_cancelled:
        raise ExpertsError(_("This session was already cancelled."))
    session.is_cancelled = True
    session.save(update_fields=["is_cancelled"])
    booking_release(holder=session)
    if session.offering_id:
        places.offering_set_open(offering=session.offering, is_open=False)
    told = notices.notice_cancelled(
        occasion=_occasion(session),
        addressees=_concerned(session),
        starts_at=session.starts_at,
        reason=reason.strip()[:300],
    )
    log_action(
        actor=actor,
        action="ervaringsdeskundigen.intervision.cancelled",
        obj=session,
        data={"told": told},
    )
    return session
