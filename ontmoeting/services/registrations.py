"""Sign-ups for activities: sign up (with an account, as a guest or at the desk), cancel,
accept an offered place, move up from the waiting list and check in. The places themselves are
counted by huis.places.
"""

import datetime as dt
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from huis.places import services as places
from huis.places.models import PlaceClaim, PlaceOffering

from .. import notify
from ..models import Activity
from .errors import ActivityError, AlreadyRegistered


def sign_up_refusal(
    activity: Activity, *, now: dt.datetime | None = None, by_staff: bool = False
) -> str | None:
    """Why nobody can sign up for `activity` now, or None when they can: the one rule that the
    activity page (whether to show the form) and `registration_create` both use.

    Staff at the desk may sign someone up before the sign-up window opens. huis.places checks
    the places themselves again under the offering's lock."""
    now = now or timezone.now()
    offering = activity.offering
    if activity.is_cancelled:
        return _("This activity is cancelled. You cannot sign up.")
    if not activity.is_published:
        return _("You cannot sign up for this activity yet.")
    if activity.starts_at <= now:
        return _("This activity has already started. You cannot sign up any more.")
    if offering is None or not offering.needs_sign_up:
        return _("You do not need to sign up for this. Just walk in.")
    if not by_staff and offering.opens_at is not None and now < offering.opens_at:
        return _("Signing up is not open yet.")
    if offering.closes_at is not None and now >= offering.closes_at:
        return _("Signing up is closed.")
    return None


@transaction.atomic
def registration_create(
    *,
    activity: Activity,
    actor: Any | None,
    user: Any | None = None,
    name: str = "",
    email: str = "",
    phone: str = "",
    places_wanted: int = 1,
    language: str = "nl",
    by_staff: bool = False,
) -> PlaceClaim:
    """Sign up a person with an account (`user`), or a guest with a name and an email address
    or phone number. Staff may sign up someone at the desk, also outside the sign-up window."""
    refusal = sign_up_refusal(activity, by_staff=by_staff)
    if refusal:
        raise ActivityError(refusal)
    if user is not None:
        name = name or user.display_name or user.email
        email = email or user.email
        phone = phone or user.phone
        language = user.preferred_language or language
    if not name.strip():
        raise ActivityError(_("Give your name."))
    try:
        claim = places.claim_create(
            offering=activity.offering,
            user=user,
            name=name,
            email=email,
            phone=phone,
            places=places_wanted,
            language=language,
            actor=actor,
            check_window=not by_staff,
        )
    except places.AlreadySignedUp as exc:
        raise AlreadyRegistered(exc.claim) from exc
    except places.PlaceError as exc:
        raise ActivityError(str(exc)) from exc
    if claim.status == PlaceClaim.Status.CONFIRMED:
        notify.registration_confirmed(claim, activity)
    else:
        notify.registration_waiting(claim, activity)
    return claim


@transaction.atomic
def registration_create_as_guest(
    *,
    activity: Activity,
    name: str,
    email: str = "",
    phone: str = "",
    places_wanted: int = 1,
    language: str = "nl",
) -> bool:
    """Sign up a guest (no account). Returns whether the answer is "you have a place" (else:
    "you are on the waiting list").

    When the email address or phone number is already signed up, the guest gets the very answer
    a new sign-up would get, and the owner of the address gets a message with their own link:
    a guest sign-up must not tell a stranger whether someone else is coming."""
    try:
        with transaction.atomic():
            claim = registration_create(
                activity=activity,
                actor=None,
                name=name,
                email=email,
                phone=phone,
                places_wanted=places_wanted,
                language=language,
            )
    except AlreadyRegistered as exc:
        notify.registration_already_signed_up(exc.claim, activity_of(exc.claim))
        offering = PlaceOffering.objects.get(pk=exc.claim.offering_id)
        # What a new sign-up would have got: a place when enough are free (public on the page).
        return (offering.places_left or 0) >= places_wanted
    return claim.status == PlaceClaim.Status.CONFIRMED


@transaction.atomic
def registration_cancel(*, claim: PlaceClaim, actor: Any | None) -> PlaceClaim:
    """Give back a place or leave the waiting list. The place goes to the next person at once."""
    try:
        claim = places.claim_cancel(claim=claim, actor=actor)
    except places.PlaceError as exc:
        raise ActivityError(str(exc)) from exc
    notify.registration_cancelled(claim)
    return claim


@transaction.atomic
def registration_accept_offer(*, claim: PlaceClaim, actor: Any | None) -> PlaceClaim:
    try:
        claim = places.claim_accept_offer(claim=claim, actor=actor)
    except places.PlaceError as exc:
        raise ActivityError(str(exc)) from exc
    activity = activity_of(claim)
    notify.registration_confirmed(claim, activity)
    return claim


@transaction.atomic
def registration_move_up(*, claim: PlaceClaim, actor: Any, reason: str) -> PlaceClaim:
    try:
        return places.claim_move_up(claim=claim, actor=actor, reason=reason)
    except places.PlaceError as exc:
        raise ActivityError(str(exc)) from exc


@transaction.atomic
def registration_set_attendance(*, claim: PlaceClaim, attendance: str, actor: Any) -> PlaceClaim:
    activity = activity_of(claim)
    if activity.starts_at - dt.timedelta(hours=2) > timezone.now():
        raise ActivityError(_("You can check people in from two hours before the start."))
    try:
        return places.claim_set_attendance(claim=claim, attendance=attendance, actor=actor)
    except places.PlaceError as exc:
        raise ActivityError(str(exc)) from exc


def activity_of(claim: PlaceClaim) -> Activity:
    return Activity.objects.select_related("room").get(offering_id=claim.offering_id)


def on_claim_promoted(sender: Any, claim: PlaceClaim, offered: bool, **kwargs: Any) -> None:
    """huis.places gave a freed place to someone waiting: tell them, if it is one of ours."""
    offering = claim.offering
    if offering.holder_type_id != ContentType.objects.get_for_model(Activity).pk:
        return
    activity = Activity.objects.select_related("room").get(pk=offering.holder_id)
    notify.registration_promoted(claim, activity, offered=offered)
