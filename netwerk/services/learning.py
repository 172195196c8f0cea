"""Partners learn together: groups, their sessions, sign-ups, agendas and minutes.

Places through the shared huis.places engine, a room of the house through huis.rooms'
`booking_set` (a clash is refused and named), moves and cancellations told once through the
core's change notices (huis.notifications.notices); reminders move with the session.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from huis.audit.services import log_action
from huis.core.locking import lock
from huis.notifications import notices
from huis.notifications.services import notification_cancel, notification_schedule
from huis.places import services as places
from huis.places.models import ACTIVE_STATUSES, PlaceClaim
from huis.rooms.models import Room
from huis.rooms.services import RoomError, booking_release, booking_set

from ..models import LearningGroup, LearningSession
from .errors import NetwerkError

REMINDER_KIND = "reminder"  # the core's reminder texts (huis/notifications/templates)
REMINDER_BEFORE = dt.timedelta(days=1)


def _check_people(*, members: list, coordinator: Any) -> None:
    from ..selectors.learning import eligible_coordinators, eligible_members

    allowed = set(eligible_members().values_list("pk", flat=True))
    if any(member.pk not in allowed for member in members):
        raise NetwerkError(
            _("Members are partner workers or experts by experience."), field="members"
        )
    if coordinator is not None and not eligible_coordinators().filter(pk=coordinator.pk).exists():
        raise NetwerkError(
            _("The coordinator of a group is a partner worker or one of the house's people."),
            field="coordinator",
        )


@transaction.atomic
def group_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    description: str = "",
    coordinator: Any = None,
    members: list | None = None,
) -> LearningGroup:
    members = list(members or [])
    _check_people(members=members, coordinator=coordinator)
    group = LearningGroup.objects.create(
        name=name.strip(),
        kind=kind,
        description=description.strip(),
        coordinator=coordinator,
        created_by=actor,
    )
    group.members.set(members)
    log_action(
        actor=actor,
        action="netwerk.group.created",
        obj=group,
        data={"members": sorted(m.pk for m in members)},
    )
    return group


@transaction.atomic
def group_update(
    *,
    group: LearningGroup,
    actor: Any,
    name: str,
    kind: str,
    description: str = "",
    members: list | None = None,
    coordinator: Any | bool = False,
) -> LearningGroup:
    """`coordinator=False` keeps the group's coordinator (a group's own coordinator does not
    hand the group over; the house's coordinators do)."""
    group = lock(LearningGroup.objects.all(), group.pk)
    members = list(members or [])
    new_coordinator = group.coordinator if coordinator is False else coordinator
    _check_people(members=members, coordinator=new_coordinator)
    before = set(group.members.values_list("pk", flat=True))
    group.name, group.kind, group.description = name.strip(), kind, description.strip()
    group.coordinator = new_coordinator
    group.save(update_fields=["name", "kind", "description", "coordinator"])
    group.members.set(members)
    after = {m.pk for m in members}
    log_action(
        actor=actor,
        action="netwerk.group.changed",
        obj=group,
        data={"added": sorted(after - before), "removed": sorted(before - after)},
    )
    return group


def _book_room(session: LearningSession) -> None:
    try:
        booking_set(
            holder=session,
            room=session.room,
            start=session.starts_at,
            end=session.ends_at,
            label=session.group.name,
        )
    except RoomError as exc:
        raise NetwerkError(exc.message, field="room") from exc


def _check_moment(starts_at: dt.datetime, ends_at: dt.datetime) -> None:
    if ends_at <= starts_at:
        raise NetwerkError(_("The end comes after the start."), field="end")
    if starts_at <= timezone.now():
        raise NetwerkError(_("Choose a moment in the future."), field="date")


@transaction.atomic
def session_plan(
    *,
    group: LearningGroup,
    actor: Any,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    capacity: int,
    room: Room | None = None,
    place: str = "",
    agenda: str = "",
) -> LearningSession:
    _check_moment(starts_at, ends_at)
    if room is None and not place.strip():
        raise NetwerkError(_("Choose a room of the house or fill in the place."), field="place")
    session = LearningSession.objects.create(
        group=group,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        place="" if room else place.strip(),
        agenda=agenda.strip(),
        created_by=actor,
    )
    _book_room(session)
    session.offering = places.offering_configure(
        holder=session,
        config=places.OfferingSettings(
            capacity=capacity, is_open=True, closes_at=starts_at, max_places_per_claim=1
        ),
    )
    session.save(update_fields=["offering"])
    log_action(actor=actor, action="netwerk.session.planned", obj=session)
    return session


@transaction.atomic
def session_write_notes(
    *, session: LearningSession, actor: Any, agenda: str, minutes: str
) -> LearningSession:
    session = lock(LearningSession.objects.all(), session.pk)
    session.agenda, session.minutes = agenda.strip(), minutes.strip()
    session.save(update_fields=["agenda", "minutes"])
    # Field names only: what was said stays with the members.
    log_action(actor=actor, action="netwerk.session.notes", obj=session)
    return session


def _reminder_base(session: LearningSession, user: Any | None = None) -> str:
    base = f"netwerk:learning-reminder:{session.pk}"
    return f"{base}:{user.pk}" if user is not None else base


def _schedule_reminder(session: LearningSession, user: Any) -> None:
    due = session.starts_at - REMINDER_BEFORE
    if due <= timezone.now():
        return
    language = user.preferred_language or "nl"
    start = timezone.localtime(session.starts_at)
    with translation.override(language):
        when = "{} {}".format(
            formats.date_format(start, "l j F Y"), formats.time_format(start, "TIME_FORMAT")
        )
    notification_schedule(
        key=notices.reminder_key(_reminder_base(session, user), session.starts_at),
        kind=REMINDER_KIND,
        context={
            "name": user.display_name,
            "title": session.group.name,
            "when": when,
            "place": session.place_name,
            "url": settings.SITE_URL + session.get_absolute_url(),
        },
        recipient=user,
        language=language,
        due_at=due,
    )


def _refused(exc: places.PlaceError) -> NetwerkError:
    return NetwerkError(exc.message)


@transaction.atomic
def session_sign_up(*, session: LearningSession, user: Any) -> PlaceClaim:
    if session.is_cancelled:
        raise NetwerkError(_("This session is cancelled."))
    if not session.offering_id:
        raise NetwerkError(_("You cannot sign up for this session."))
    if not session.group.members.filter(pk=user.pk).exists():
        raise NetwerkError(_("Only the members of the group sign up."))
    try:
        claim = places.claim_create(
            offering=session.offering,
            name=user.display_name,
            email=user.email,
            user=user,
            language=user.preferred_language or "nl",
            actor=user,
        )
    except places.PlaceError as exc:
        raise _refused(exc) from exc
    if claim.status == PlaceClaim.Status.CONFIRMED:
        _schedule_reminder(session, user)
    return claim


@transaction.atomic
def session_cancel_sign_up(*, session: LearningSession, user: Any) -> PlaceClaim:
    claim = (
        PlaceClaim.objects.filter(
            offering_id=session.offering_id, user_id=user.pk, status__in=ACTIVE_STATUSES
        )
        .order_by("pk")
        .first()
    )
    if claim is None:
        raise NetwerkError(_("You are not signed up for this session."))
    try:
        claim = places.claim_cancel(claim=claim, actor=user)
    except places.PlaceError as exc:
        raise _refused(exc) from exc
    notification_cancel(key_prefix=_reminder_base(session, user))
    return claim


def _occasion(session: LearningSession) -> notices.Occasion:
    return notices.Occasion(
        ref=f"netwerk.learning-session:{session.pk}",
        title=session.group.name,
        url=settings.SITE_URL + session.get_absolute_url(),
    )


def _claims(session: LearningSession) -> list[PlaceClaim]:
    if not session.offering_id:
        return []
    return list(
        PlaceClaim.objects.filter(offering_id=session.offering_id, status__in=ACTIVE_STATUSES)
        .select_related("user", "user__notification_preference")
        .order_by("pk")
    )


def _concerned(session: LearningSession, claims: list[PlaceClaim]) -> list[notices.Addressee]:
    """Everyone signed up or waiting, and the members who did not sign up (yet): the session
    is theirs, they hear when it moves or is cancelled."""
    addressees = notices.addressees_from_claims(claims)
    signed = {claim.user_id for claim in claims}
    for member in session.group.members.select_related("notification_preference").order_by("pk"):
        if member.pk not in signed:
            addressees.append(
                notices.Addressee(
                    ref=f"member:{member.pk}",
                    name=member.display_name,
                    user=member,
                    email=member.email,
                    language=member.preferred_language,
                )
            )
    return notices.unique_addressees(addressees)


@transaction.atomic
def session_move(
    *,
    session: LearningSession,
    actor: Any,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    room: Room | None = None,
    place: str = "",
) -> int:
    """A new moment (and place): the members are told once; reminders move. Returns how many
    people were told."""
    session = lock(LearningSession.objects.select_related("group"), session.pk)
    if session.is_cancelled:
        raise NetwerkError(_("This session is cancelled. It cannot be changed any more."))
    _check_moment(starts_at, ends_at)
    if room is None and not place.strip():
        raise NetwerkError(_("Choose a room of the house or fill in the place."), field="place")
    if session.is_past:
        raise NetwerkError(_("This session has already taken place."))
    old_start, old_end = session.starts_at, session.ends_at
    session.starts_at, session.ends_at = starts_at, ends_at
    session.room, session.place = room, "" if room else place.strip()
    session.save(update_fields=["starts_at", "ends_at", "room", "place"])
    _book_room(session)
    if session.offering_id:
        offering = session.offering
        places.offering_configure(
            holder=session,
            config=places.OfferingSettings(
                capacity=offering.capacity,
                is_open=offering.is_open,
                closes_at=starts_at,
                max_places_per_claim=1,
            ),
        )
    claims = _claims(session)
    told = 0
    if (old_start, old_end) != (starts_at, ends_at):
        told = notices.notice_moved(
            occasion=_occasion(session),
            addressees=_concerned(session, claims),
            old_start=old_start,
            new_start=starts_at,
            new_end=ends_at,
            place=session.place_name,
        )
        notification_cancel(key_prefix=_reminder_base(session))
        for claim in claims:
            if claim.user_id and claim.status == PlaceClaim.Status.CONFIRMED:
                _schedule_reminder(session, claim.user)
    log_action(actor=actor, action="netwerk.session.moved", obj=session, data={"told": told})
    return told


@transaction.atomic
def session_cancel(*, session: LearningSession, actor: Any, reason: str = "") -> int:
    """Nobody can sign up any more, the room is free again, the members are told once and
    the reminders are called off."""
    session = lock(LearningSession.objects.select_related("group"), session.pk)
    if session.is_cancelled:
        raise NetwerkError(_("This session was already cancelled."))
    session.is_cancelled = True
    session.save(update_fields=["is_cancelled"])
    booking_release(holder=session)
    if session.offering_id:
        places.offering_set_open(offering=session.offering, is_open=False)
    told = notices.notice_cancelled(
        occasion=_occasion(session),
        addressees=_concerned(session, _claims(session)),
        starts_at=session.starts_at,
        reason=reason.strip()[:300],
    )
    notification_cancel(key_prefix=_reminder_base(session))
    log_action(actor=actor, action="netwerk.session.cancelled", obj=session, data={"told": told})
    return told
