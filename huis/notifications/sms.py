"""Text messages' own rules: opt-out (STOP), the monthly budget, delivery reports and the email
fallback. The outbox (services.py) asks these before and after it hands a text message over.

- A number that replied STOP (or that the provider reports as unsubscribed) gets nothing more
  until it replies START; the message is cancelled with the reason, visible to staff.
- NOTIFICATIONS_SMS_MONTHLY_BUDGET text messages per calendar month (Brussels time): staff see a
  warning from 80 %; beyond the budget reminders are not sent by text (confirmations, offers and
  cancellations still are: missing those costs a person more than the message costs the house).
  The count is shared by all workers in Redis, so it holds exactly however many of them send.
- A delivery report that says "failed" or "undelivered", or a message that failed for good, falls
  back once to email when the person has an address (the fallback row's key is the message's key
  with ":email-fallback", so it exists at most once).
"""

import contextlib
import functools
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from redis import Redis, RedisError

from huis.audit.services import log_action

from .models import Channel, Delivery, Notification, SmsOptOut, SmsReport

logger = logging.getLogger(__name__)

# The words carriers and Twilio treat as opt-out and opt-in (plus the Dutch and French ones
# people write here); Twilio's Advanced Opt-Out also says it in OptOutType.
STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "STOPPEN", "ARRET"}
START_WORDS = {"START", "UNSTOP", "YES"}
FALLBACK_SUFFIX = ":email-fallback"
WARNING_RATIO = 0.8


def is_reminder(kind: str) -> bool:
    """Reminders are what the budget may hold back: kinds named "reminder" or "*_reminder*"."""
    return kind == "reminder" or kind.endswith("_reminder") or "_reminder_" in kind


# --- Opt-out ----------------------------------------------------------------------------------


def is_opted_out(phone: str) -> bool:
    return bool(phone) and SmsOptOut.objects.filter(phone=phone).exists()


def opt_out_record(*, phone: str, source: str) -> bool:
    """Record that a number wants no more text messages; True if it is new. Its pending text
    messages are cancelled."""
    try:
        with transaction.atomic():
            SmsOptOut.objects.create(phone=phone, source=source)
    except IntegrityError:
        return False
    cancelled = Notification.objects.filter(
        channel=Channel.SMS, phone=phone, status=Notification.Status.PENDING
    ).update(status=Notification.Status.CANCELLED, last_error="Opted out (STOP).")
    log_action(
        actor=None,
        action="notifications.sms_opted_out",
        data={"source": source, "cancelled": cancelled},
    )
    return True


def opt_in_record(*, phone: str) -> bool:
    deleted, _detail = SmsOptOut.objects.filter(phone=phone).delete()
    if deleted:
        log_action(actor=None, action="notifications.sms_opted_in", data={})
    return bool(deleted)


def incoming_message(*, phone: str, body: str, opt_out_type: str = "") -> str:
    """A text message someone sent to the house's number: STOP or START; anything else is not
    read (the house's number is not a conversation). Returns what was done."""
    word = (opt_out_type or body).strip().upper().rstrip(".!")
    if word in STOP_WORDS:
        opt_out_record(phone=phone, source="reply")
        return "stop"
    if word in START_WORDS:
        opt_in_record(phone=phone)
        return "start"
    return "ignored"


# --- Budget -----------------------------------------------------------------------------------


def _month_start(moment: datetime) -> datetime:
    local = timezone.localtime(moment)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def sent_this_month(*, now: datetime | None = None) -> int:
    start = _month_start(now or timezone.now())
    return Notification.objects.filter(channel=Channel.SMS, sent_at__gte=start).count()


@dataclass(frozen=True)
class Budget:
    sent: int
    budget: int  # 0: no limit

    @property
    def percent(self) -> int:
        return round(100 * self.sent / self.budget) if self.budget else 0

    @property
    def warning(self) -> bool:
        return bool(self.budget) and self.sent >= WARNING_RATIO * self.budget

    @property
    def reached(self) -> bool:
        return bool(self.budget) and self.sent >= self.budget


def budget_state(*, now: datetime | None = None) -> Budget:
    return Budget(sent=sent_this_month(now=now), budget=settings.NOTIFICATIONS_SMS_MONTHLY_BUDGET)


def months_count(*, months: int = 12) -> list[dict]:
    """Text messages sent per month, newest first: [{"month": date, "sent": n}]."""
    rows = (
        Notification.objects.filter(channel=Channel.SMS, sent_at__isnull=False)
        .annotate(month=TruncMonth("sent_at", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(sent=Count("id"))
        .order_by("-month")[:months]
    )
    return [{"month": row["month"], "sent": row["sent"]} for row in rows]


# The month's count for sending lives in Redis, one key per month, shared by every worker: a text
# message is counted when it is reserved, before it is handed over, by one atomic step (a Lua
# script) that for a reminder first checks the budget. Two workers cannot both take the last
# place, so no reminder goes beyond the budget; confirmations are counted and always go. A send
# that fails gives its place back. The key starts from the database's count of the month (once,
# SET NX) and lives past the month's end; without Redis the database's count decides, as before.
BUDGET_KEY_DAYS = 40
_RESERVE = """
local sent = redis.call('get', KEYS[1])
if not sent then return {-1, 0} end
sent = tonumber(sent)
if ARGV[1] == '1' and sent >= tonumber(ARGV[2]) then return {0, sent} end
return {1, redis.call('incr', KEYS[1])}
"""


def _redis() -> Redis:
    return Redis.from_url(settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2)


@functools.cache
def _reserve_script(url: str) -> Any:
    # One client (and its connection pool) per process and Redis: a reservation per message.
    return _redis().register_script(_RESERVE)


def _budget_key(month: datetime) -> str:
    prefix = settings.CACHES["default"].get("KEY_PREFIX", "huis")
    return f"{prefix}:sms-budget:{month:%Y-%m}"


def budget_forget() -> None:
    """Drop the shared count (tests; after correcting sent rows by hand): it starts anew from
    the database."""
    month = _month_start(timezone.now())
    with contextlib.suppress(RedisError):
        _redis().delete(_budget_key(month))


def _reserve(*, reminder: bool, budget: int) -> Budget | None:
    """Count one text message for this month; for a reminder only when the budget has room.
    None: counted; else the month's count that leaves no room."""
    month = _month_start(timezone.now())
    key = _budget_key(month)
    script = _reserve_script(settings.REDIS_URL)
    for _attempt in range(2):
        taken, sent = script(keys=[key], args=["1" if reminder else "0", budget])
        if taken == -1:  # the month's first message (or Redis forgot): start from the database
            script.registered_client.set(
                key, sent_this_month(), nx=True, ex=BUDGET_KEY_DAYS * 24 * 3600
            )
            continue
        return None if taken else Budget(sent=sent, budget=budget)
    raise RedisError("The month's text-message count could not be started.")


def budget_release(notification: Notification) -> None:
    """Give back the place reserved for this message: it was not handed over after all."""
    if not getattr(notification, "budget_reserved", False):
        return
    notification.budget_reserved = False
    month = _month_start(timezone.now())
    with contextlib.suppress(RedisError):
        _reserve_script(settings.REDIS_URL).registered_client.decr(_budget_key(month))


def refusal_before_sending(notification: Notification) -> str:
    """Why a claimed text message must not go out ("" if it may): the number opted out (read
    with the claim, `opted_out`), or it is a reminder and the month's budget is spent. A message
    that may go has its place in the month's count; give it back (`budget_release`) if it is
    not handed over."""
    opted_out = getattr(notification, "opted_out", None)
    if opted_out is None:
        opted_out = is_opted_out(notification.phone)
    if opted_out:
        return "Opted out (STOP)."
    budget = settings.NOTIFICATIONS_SMS_MONTHLY_BUDGET
    if not budget:
        return ""
    reminder = is_reminder(notification.kind)
    try:
        state = _reserve(reminder=reminder, budget=budget)
        notification.budget_reserved = state is None
    except RedisError:
        logger.warning("No shared text-message count (Redis); counting in the database.")
        state = budget_state() if reminder else None
    if reminder and state is not None and state.reached:
        return f"Monthly text budget reached ({state.sent}/{state.budget}): not sent."
    return ""


# --- Fallback and delivery reports -------------------------------------------------------------


def email_fallback(notification: Notification) -> Notification | None:
    """Send a text message that did not arrive once more by email, when the person has an
    address and did not get this message by email already."""
    if notification.channel != Channel.SMS or notification.key.endswith(FALLBACK_SUFFIX):
        return None
    address = notification.email or getattr(notification.recipient, "email", "")
    if not address:
        return None
    base_key = notification.key.removesuffix(":sms")
    if (
        base_key != notification.key
        and Notification.objects.filter(key=base_key, channel=Channel.EMAIL).exists()
    ):
        return None  # the person chose both: the email went already
    from .services import notification_schedule

    return notification_schedule(
        key=base_key + FALLBACK_SUFFIX,
        kind=notification.kind,
        context=notification.context,
        email=address,
        language=notification.language,
    )


_DELIVERY = {
    "sent": Delivery.SENT,
    "delivered": Delivery.DELIVERED,
    "failed": Delivery.FAILED,
    "undelivered": Delivery.FAILED,
}
# Reports may arrive out of order: a later state is never overwritten by an earlier one.
_RANK = {"": 0, Delivery.SENT: 1, Delivery.DELIVERED: 2, Delivery.FAILED: 2}


def delivery_report(
    *, provider_id: str, reference: str, status: str, error_code: str = "", token: str
) -> str:
    """Take one delivery report (already checked as signed). Returns what happened:
    "replay", "unknown", "ignored" or "recorded"."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                SmsReport.objects.create(token=token)
        except IntegrityError:
            logger.warning("Refused a replayed delivery report for %s (%s).", provider_id, status)
            return "replay"
        notification = (
            Notification.objects.select_for_update()
            .filter(channel=Channel.SMS, provider_id=provider_id)
            .first()
        )
        if notification is None or (reference and str(notification.pk) != reference):
            logger.warning("Delivery report for an unknown message %s.", provider_id)
            return "unknown"
        delivery = _DELIVERY.get(status)
        if delivery is None or _RANK[delivery] <= _RANK[notification.delivery]:
            return "ignored"  # queued, accepted, sending: nothing to show yet; or out of order
        notification.delivery = delivery
        notification.delivery_at = timezone.now()
        if delivery == Delivery.FAILED:
            notification.last_error = f"Not delivered: {status} {error_code}".strip()
        notification.save(update_fields=["delivery", "delivery_at", "last_error"])
        if delivery == Delivery.FAILED:
            if error_code == "21610":
                opt_out_record(phone=notification.phone, source="provider")
            email_fallback(notification)
    return "recorded"
