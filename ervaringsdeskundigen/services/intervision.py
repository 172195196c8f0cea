"""Intervision sessions: places, sign-up and attendance through the shared huis.places mechanism."""

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.places import services as places
from huis.places.models import PlaceClaim

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
) -> IntervisionSession:
    if ends_at <= starts_at:
        raise ExpertsError(_("The end comes after the start."))
    session = IntervisionSession.objects.create(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        description=description,
        created_by=actor,
    )
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
