"""What ontmoeting tells people, through the notifications outbox of huis.notifications.

Every message is a row with a unique key, written in the same transaction as the change it is
about; the outbox sends it after commit. Texts live in templates/notifications/<kind>/.
"""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone, translation

from huis.notifications import notices
from huis.places.models import ACTIVE_STATUSES, PlaceClaim
from huis.places.services import claim_make_token

from .ics import calendar
from .models import Activity

KIND_CONFIRMED = "ontmoeting_registration_confirmed"
KIND_WAITING = "ontmoeting_waiting_list"
KIND_PROMOTED = "ontmoeting_place_free"
KIND_OFFERED = "ontmoeting_place_offered"
# No longer written (cancellations go through huis.notifications.notices); its templates stay
# so rows of this kind still in the outbox render.
KIND_CANCELLED = "ontmoeting_activity_cancelled"
KIND_REMINDER = "ontmoeting_reminder"
KIND_ALREADY = "ontmoeting_already_signed_up"
KIND_FEEDBACK = "ontmoeting_how_was_it"
FEEDBACK_HOUR = 10  # the day after, at ten: late enough to have slept on it
FEEDBACK_DAYS = 14  # how long the link asks


def _schedule(**kwargs: Any) -> Any:
    from huis.notifications.services import notification_schedule

    return notification_schedule(**kwargs)


def _cancel(*, key_prefix: str) -> int:
    from huis.notifications.services import notification_cancel

    return notification_cancel(key_prefix=key_prefix)


def manage_url(claim: PlaceClaim, activity: Activity) -> str:
    """The signed link to see, cancel or accept a sign-up without logging in. It works until
    the activity is over."""
    token = claim_make_token(claim=claim, valid_until=activity.ends_at)
    return settings.SITE_URL + reverse("ontmoeting:manage", kwargs={"token": token})


def _context(claim: PlaceClaim, activity: Activity) -> dict:
    start = timezone.localtime(activity.starts_at)
    end = timezone.localtime(activity.ends_at)
    with translation.override(claim.language):
        context = {
            "name": claim.name,
            "title": activity.title,
            "day": formats.date_format(start, "l j F Y"),
            "day_short": formats.date_format(start, "l j/n"),  # for text messages
            "start": formats.time_format(start, "TIME_FORMAT"),
            "end": formats.time_format(end, "TIME_FORMAT"),
            "place": activity.place_name,
            "places": claim.places,
            "activity_url": settings.SITE_URL + activity.get_absolute_url(),
            "manage_url": manage_url(claim, activity),
            "cancel_reason": activity.cancel_reason,
            "offer_until": "",
            "offer_until_short": "",
            # Short links in text messages stop working when the signed link does.
            "_links_valid_until": activity.ends_at.isoformat(),
        }
        if claim.offer_expires_at:
            until = timezone.localtime(claim.offer_expires_at)
            context["offer_until"] = formats.date_format(until, "l j F, H:i")
            context["offer_until_short"] = formats.date_format(until, "l j/n H:i")
    return context


def _schedule_many(messages: list[dict[str, Any]]) -> None:
    from huis.notifications.services import notification_schedule_many

    notification_schedule_many(messages)


def _message(claim: PlaceClaim, kind: str, key: str, context: dict, **extra: Any) -> dict[str, Any]:
    """One message to the person of `claim`, as `notification_schedule` takes it."""
    return {
        "key": key,
        "kind": kind,
        "context": context,
        "recipient": claim.user,
        "email": claim.email,
        "phone": claim.phone,
        "language": claim.language,
        **extra,
    }


def _send(claim: PlaceClaim, activity: Activity, kind: str, key: str, **extra: Any) -> None:
    _schedule(**_message(claim, kind, key, _context(claim, activity), **extra))


def _ics_attachment(activity: Activity) -> list[dict]:
    return [
        {
            "filename": f"{activity.slug or 'activiteit'}.ics",
            "content": calendar([activity], name=activity.title),
            "mimetype": "text/calendar",
        }
    ]


def reminder_key(claim: PlaceClaim) -> str:
    return f"reminder-24h:registration:{claim.pk}"


def _reminder(
    claim: PlaceClaim, activity: Activity, context: dict, *, again: bool = False
) -> dict[str, Any] | None:
    """The reminder a day before, or None when that moment has passed."""
    due = activity.starts_at - timedelta(hours=24)
    if due <= timezone.now():
        return None  # signed up on the last day: the confirmation is reminder enough
    key = reminder_key(claim)
    if again:
        key = notices.reminder_key(key, activity.starts_at)
    return _message(claim, KIND_REMINDER, key, context, due_at=due)


def schedule_reminder(claim: PlaceClaim, activity: Activity, *, again: bool = False) -> None:
    """`again`: the activity moved and the old reminder was cancelled; the new one gets a new
    key (keys are never reused in the outbox)."""
    message = _reminder(claim, activity, _context(claim, activity), again=again)
    if message is not None:
        _schedule(**message)


def feedback_key(claim: PlaceClaim) -> str:
    return f"feedback:registration:{claim.pk}"


def feedback_url(claim: PlaceClaim, activity: Activity) -> str:
    """The signed one-tap link of the day-after message; it works for two weeks."""
    token = claim_make_token(
        claim=claim, valid_until=activity.ends_at + timedelta(days=FEEDBACK_DAYS)
    )
    return settings.SITE_URL + reverse("ontmoeting:feedback", kwargs={"token": token})


def _follow_up(
    claim: PlaceClaim, activity: Activity, context: dict, *, again: bool = False
) -> dict[str, Any] | None:
    """The day after the activity: "how was it?", or None when that moment has passed."""
    end = timezone.localtime(activity.ends_at)
    due = (end + timedelta(days=1)).replace(hour=FEEDBACK_HOUR, minute=0, second=0, microsecond=0)
    if due <= timezone.now():
        return None
    key = feedback_key(claim)
    if again:
        key = notices.reminder_key(key, activity.starts_at)
    context = {**context, "feedback_url": feedback_url(claim, activity)}
    return _message(claim, KIND_FEEDBACK, key, context, due_at=due)


def schedule_follow_up(claim: PlaceClaim, activity: Activity, *, again: bool = False) -> None:
    """The day after the activity: "how was it?", with the link to answer in one tap.
    `again`: the activity moved; the new message gets a new key, as the reminder does."""
    message = _follow_up(claim, activity, _context(claim, activity), again=again)
    if message is not None:
        _schedule(**message)


def _with_place(claim: PlaceClaim, activity: Activity, kind: str, key: str) -> None:
    """A place is the person's: the message now (with the calendar file), the reminder and the
    day-after message, from one context and in one statement (a sign-up writes them while it
    holds the activity's lock: each round trip there delays the next person)."""
    context = _context(claim, activity)
    messages = [
        _message(claim, kind, key, context, attachments=_ics_attachment(activity)),
        _reminder(claim, activity, context),
        _follow_up(claim, activity, context),
    ]
    _schedule_many([message for message in messages if message is not None])


def registration_confirmed(claim: PlaceClaim, activity: Activity) -> None:
    key = f"ontmoeting:confirmed:{claim.pk}:{int(claim.confirmed_at.timestamp())}"
    _with_place(claim, activity, KIND_CONFIRMED, key)


def registration_waiting(claim: PlaceClaim, activity: Activity) -> None:
    _send(claim, activity, KIND_WAITING, f"ontmoeting:waiting:{claim.pk}")


def registration_promoted(claim: PlaceClaim, activity: Activity, *, offered: bool) -> None:
    if offered:
        key = f"ontmoeting:offered:{claim.pk}:{int(claim.offer_expires_at.timestamp())}"
        _send(claim, activity, KIND_OFFERED, key)
    else:
        _with_place(claim, activity, KIND_PROMOTED, f"ontmoeting:promoted:{claim.pk}")


def registration_already_signed_up(claim: PlaceClaim, activity: Activity) -> None:
    """Someone signed up again with this person's address: tell its owner (with their own link),
    not the one who posted it. At most one such message per sign-up per hour, so nobody can
    flood a person's inbox through the form."""
    hour = int(timezone.now().timestamp()) // 3600
    _send(claim, activity, KIND_ALREADY, f"ontmoeting:already:{claim.pk}:{hour}")


def registration_cancelled(claim: PlaceClaim) -> None:
    _cancel(key_prefix=reminder_key(claim))
    _cancel(key_prefix=feedback_key(claim))


def activity_cancelled(activity: Activity, claims: list[PlaceClaim]) -> int:
    """The activity does not take place: reminders and follow-ups go, everyone signed up or
    waiting is told once through the core's change notices. Returns how many were told."""
    for claim in claims:
        _cancel(key_prefix=reminder_key(claim))
        _cancel(key_prefix=feedback_key(claim))
    return notices.notice_cancelled(
        occasion=occasion(activity),
        addressees=addressees(activity, claims),
        starts_at=activity.starts_at,
        reason=activity.cancel_reason,
    )


# --- Changes told through the core's change notices (huis.notifications.notices) -------------


def occasion(activity: Activity) -> notices.Occasion:
    return notices.Occasion(
        ref=f"ontmoeting.activity:{activity.pk}",
        title=activity.title,
        url=settings.SITE_URL + activity.get_absolute_url(),
    )


def active_claims(activity: Activity, *, waiting: bool | None = None) -> list[PlaceClaim]:
    """Everyone signed up (a place or an offer) and, or only, waiting."""
    if not activity.offering_id:
        return []
    if waiting is None:
        statuses = ACTIVE_STATUSES
    elif waiting:
        statuses = (PlaceClaim.Status.WAITING,)
    else:
        statuses = (PlaceClaim.Status.CONFIRMED, PlaceClaim.Status.OFFERED)
    return list(
        activity.offering.claims.filter(status__in=statuses)
        .select_related("user", "user__notification_preference")
        .order_by("pk")
    )


def addressees(activity: Activity, claims: list[PlaceClaim]) -> list[notices.Addressee]:
    return notices.addressees_from_claims(claims, url_for=lambda claim: manage_url(claim, activity))


def activity_moved(activity: Activity, *, old_start: Any) -> int:
    """The activity has a new time: reminders follow it, everyone signed up or waiting is told
    once. Returns how many people were told."""
    claims = active_claims(activity)
    for claim in claims:
        _cancel(key_prefix=reminder_key(claim))
        _cancel(key_prefix=feedback_key(claim))
        if claim.status == PlaceClaim.Status.CONFIRMED:
            schedule_reminder(claim, activity, again=True)
            schedule_follow_up(claim, activity, again=True)
    return notices.notice_moved(
        occasion=occasion(activity),
        addressees=addressees(activity, claims),
        old_start=old_start,
        new_start=activity.starts_at,
        new_end=activity.ends_at,
        place=activity.place_name,
    )


def register_message_audience() -> None:
    """Staff can write to everyone signed up for an activity, or to its waiting list."""
    from django.utils.translation import gettext_lazy as _

    from huis.core.registry import MessageAudience
    from huis.core.registry import register_message_audience as register

    from .selectors import activities_to_manage

    register(
        MessageAudience(
            name="ontmoeting-activity",
            label=_("Activity"),
            objects=lambda user: activities_to_manage(user=user),
            occasion=occasion,
            addressees=lambda activity, waiting: addressees(
                activity, active_claims(activity, waiting=waiting)
            ),
            back_url=lambda activity: reverse(
                "ontmoeting:staff_activity", kwargs={"pk": activity.pk}
            ),
        )
    )
