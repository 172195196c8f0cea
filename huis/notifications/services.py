"""Writing to the outbox and sending from it. See the package docstring for the contract."""

import functools
import json
import logging
import re
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db import connection as db_connection
from django.db.models import Q
from django.template import Context, TemplateDoesNotExist, engines
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from huis.audit.services import log_action
from huis.core.phone import is_mobile_number

from . import channels, gsm, shortlinks, sms
from .errors import NotificationError as NotificationError  # part of this module's interface
from .models import Channel, Notification, SmsOptOut
from .preferences import preference_for
from .preferences import preference_update as preference_update  # part of this module's interface

logger = logging.getLogger(__name__)


# --- Scheduling -------------------------------------------------------------------------------


def _language(language: str | None, recipient: Any) -> str:
    available = {code for code, _name in settings.LANGUAGES}
    for candidate in (
        language,
        getattr(recipient, "preferred_language", None),
        translation.get_language(),
    ):
        if candidate:
            code = candidate.split("-")[0].lower()
            if code in available:
                return code
    return settings.LANGUAGE_CODE


def _channels(*, recipient: Any, email: str, phone: str) -> list[tuple[str, str, str]]:
    """(channel, email, phone) for every channel this message goes over."""
    if recipient is None:
        if email:
            return [(Channel.EMAIL, email, "")]
        if is_mobile_number(phone):
            return [(Channel.SMS, "", phone)]
        return []  # a landline gets no text messages
    email = email or recipient.email
    phone = phone or recipient.phone
    chosen = preference_for(user=recipient).channels
    result = []
    if Channel.EMAIL in chosen and email:
        result.append((Channel.EMAIL, email, ""))
    if Channel.SMS in chosen and is_mobile_number(phone):
        result.append((Channel.SMS, "", phone))
    return result


def _queue_send(notification_id: int, *, countdown: float | None = None) -> None:
    from .tasks import send_notification

    def queue() -> None:
        try:
            send_notification.apply_async(args=[notification_id], countdown=countdown)
        except Exception:
            # The row is committed and due: the next sweep sends it. Don't fail the request.
            logger.warning(
                "Could not queue notification %s; the sweep will send it.",
                notification_id,
                exc_info=True,
            )

    transaction.on_commit(queue)


def _rows(
    *,
    key: str,
    kind: str,
    context: dict,
    recipient: Any = None,
    email: str = "",
    phone: str = "",
    language: str | None = None,
    due_at: datetime | None = None,
    attachments: list[dict] | None = None,
    now: datetime,
) -> list[Notification]:
    """The outbox rows of one message: one per channel (none when the person cannot be reached
    now). The first row carries the key; the others the key and their channel."""
    routes = _channels(recipient=recipient, email=email, phone=phone)
    due_at = due_at or now
    language = _language(language, recipient)
    # Lazy translations and dates become plain JSON now; texts are translated at send time.
    context = json.loads(json.dumps(context, cls=DjangoJSONEncoder))
    return [
        Notification(
            key=key if index == 0 else f"{key}:{channel}",
            kind=kind,
            recipient=recipient,
            email=to_email,
            phone=to_phone,
            language=language,
            channel=channel,
            context=context,
            attachments=attachments or [],
            due_at=due_at,
            send_after=due_at,
        )
        for index, (channel, to_email, to_phone) in enumerate(routes)
    ]


def _queue_due(rows: list[Notification], now: datetime) -> None:
    for notification in rows:
        if notification.due_at <= now:
            _queue_send(notification.pk)


def notification_schedule(
    *,
    key: str,
    kind: str,
    context: dict,
    recipient: Any = None,
    email: str = "",
    phone: str = "",
    language: str | None = None,
    due_at: datetime | None = None,
    attachments: list[dict] | None = None,
) -> Notification | None:
    """Put a message in the outbox, once per key. See the package docstring.

    The key's unique index decides: the rows are inserted, and when the key is already there
    the existing row is returned (no read before the write: a sign-up writes its message
    under the activity's lock, where each round trip delays the next person)."""
    now = timezone.now()
    rows = _rows(
        key=key,
        kind=kind,
        context=context,
        recipient=recipient,
        email=email,
        phone=phone,
        language=language,
        due_at=due_at,
        attachments=attachments,
        now=now,
    )
    if not rows:  # no way to reach the person (now): an earlier row under the key, if any
        return Notification.objects.filter(key=key).first()
    try:
        # One statement for every channel (a sign-up writes its messages while it holds the
        # activity's lock: each round trip there delays the next person).
        with transaction.atomic():
            Notification.objects.bulk_create(rows)
    except IntegrityError:  # the key is there already (written before, or at this moment)
        return Notification.objects.filter(key=key).first()
    _queue_due(rows, now)
    return rows[0]


def notification_schedule_many(messages: list[dict[str, Any]]) -> None:
    """Put several messages in the outbox in one statement, each once per key: what one change
    tells a person at once and later (a sign-up's confirmation, reminder and day-after message,
    written while the sign-up holds the activity's lock). Each message takes the arguments of
    `notification_schedule`. When a key is there already, or a person cannot be reached, each
    message is scheduled on its own, with `notification_schedule`'s answer for each."""
    now = timezone.now()
    per_message = [_rows(**message, now=now) for message in messages]
    if not all(per_message):
        for message in messages:
            notification_schedule(**message)
        return
    rows = [row for message_rows in per_message for row in message_rows]
    try:
        with transaction.atomic():
            Notification.objects.bulk_create(rows)
    except IntegrityError:  # one of the keys is there already: each on its own, once
        for message in messages:
            notification_schedule(**message)
        return
    _queue_due(rows, now)


def _prefix_filter(key_prefix: str) -> Q:
    # A prefix matches whole segments: "reminder:registration:12" must not cancel ":123".
    if key_prefix.endswith((":", "/", "|")):
        return Q(key__startswith=key_prefix)
    return Q(key=key_prefix) | Q(key__startswith=key_prefix + ":")


def notification_cancel(*, key_prefix: str) -> int:
    """Cancel pending rows whose key is key_prefix or starts with key_prefix + ":"."""
    if not key_prefix:
        raise ValueError("key_prefix must not be empty.")
    return Notification.objects.filter(
        _prefix_filter(key_prefix), status=Notification.Status.PENDING
    ).update(status=Notification.Status.CANCELLED)


def notification_retry(*, notification: Notification, actor: Any) -> Notification:
    """Staff send a failed message again, with a fresh set of tries."""
    with transaction.atomic():
        updated = Notification.objects.filter(
            pk=notification.pk, status=Notification.Status.FAILED
        ).update(status=Notification.Status.PENDING, attempts=0, send_after=timezone.now())
        if not updated:
            raise NotificationError(_("This message is no longer waiting for a retry."))
        log_action(actor=actor, action="notifications.retried", obj=notification)
        _queue_send(notification.pk)
    notification.refresh_from_db()
    return notification


# --- Rendering and sending --------------------------------------------------------------------


def _render_text(name: str, context: dict) -> str:
    # Plain text: no HTML escaping of names like "Jan & Els".
    template = engines["django"].get_template(name).template
    return template.render(Context(context, autoescape=False))


def render(
    notification: Notification, *, links: shortlinks.LinkBatch | None = None
) -> channels.Rendered:
    """The message in the row's language, from templates/notifications/<kind>/: for an email
    the subject, the text and the HTML; for a text message its short text (`sms.txt`, or the
    email's text where a kind has none). What the channel does not send is left empty. A sweep
    passes its `links`, so the short links of many messages are made at once."""
    base = f"notifications/{notification.kind}"
    context = {**notification.context, "site_url": settings.SITE_URL}
    with translation.override(notification.language):
        if notification.channel == Channel.SMS:
            # 160 characters: /k/<code> links
            context = shortlinks.shorten_context(context, batch=links)
            try:
                text = _render_text(f"{base}/sms.txt", context).strip()
            except TemplateDoesNotExist:
                text = _render_text(f"{base}/body.txt", context).strip()
            text = gsm.to_gsm7(" ".join(text.split()))  # one line, and 160 characters, not 70
            return channels.Rendered(subject="", text="", html="", sms=text)
        subject = re.sub(r"\s+", " ", _render_text(f"{base}/subject.txt", context)).strip()
        text = _render_text(f"{base}/body.txt", context).strip() + "\n"
        html = render_to_string(f"{base}/body.html", context)
    return channels.Rendered(subject=subject, text=text, html=html, sms="")


def retry_delay(attempts: int) -> timedelta | None:
    """How long to wait after the given number of failed tries; None: give up."""
    delays = settings.NOTIFICATIONS_RETRY_DELAYS
    if attempts > len(delays):
        return None
    return timedelta(seconds=delays[attempts - 1])


def _deliver(
    notification: Notification,
    *,
    connection: Any = None,
    links: shortlinks.LinkBatch | None = None,
) -> bool:
    """Send a claimed row (locked by the caller's transaction) and record the outcome."""
    reference = str(notification.pk)
    if notification.channel == Channel.SMS:
        refusal = sms.refusal_before_sending(notification)
        if refusal:  # opted out, or a reminder beyond the month's budget: not sent, and why
            Notification.objects.filter(pk=notification.pk).update(
                status=Notification.Status.CANCELLED, last_error=refusal
            )
            notification.status = Notification.Status.CANCELLED
            return False
    notification.attempts += 1
    try:
        rendered = render(notification, links=links)
        if notification.channel == Channel.SMS:
            notification.provider_id = (
                channels.send_sms(to=notification.phone, rendered=rendered, reference=reference)
                or ""
            )
        else:
            channels.send_email(
                to=notification.email,
                rendered=rendered,
                reference=reference,
                attachments=notification.attachments,
                connection=connection,
            )
    except Exception as exc:
        if notification.channel == Channel.SMS:
            sms.budget_release(notification)  # not handed over: its place is free again
        notification.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        refused = isinstance(exc, channels.SmsRefused)  # trying again cannot help
        delay = None if refused else retry_delay(notification.attempts)
        if refused and exc.opted_out:
            sms.opt_out_record(phone=notification.phone, source="provider")
        if delay is None:
            notification.status = Notification.Status.FAILED
            logger.error(
                "Notification %s (%s) failed after %s tries: %s",
                notification.pk,
                notification.kind,
                notification.attempts,
                notification.last_error,
            )
        else:
            notification.send_after = timezone.now() + delay
            logger.warning(
                "Notification %s failed (try %s), next try in %s: %s",
                notification.pk,
                notification.attempts,
                delay,
                notification.last_error,
            )
            _queue_send(notification.pk, countdown=delay.total_seconds())
        notification.save(update_fields=["attempts", "last_error", "status", "send_after"])
        if notification.status == Notification.Status.FAILED:
            sms.email_fallback(notification)  # a text message that failed: once by email
            _forget_secret_content(notification)
        return False
    _mark_sent(notification)
    return True


# The claim and the "sent" mark are the sweep's two statements per message, under the
# per-message transaction that makes "exactly once" true. Written out: composing them with the
# ORM cost more than the database needs to run them (about 1.4 against 0.5 ms a message,
# measured), and the sweep runs them for every message. The claim walks the index on
# (send_after, id) of the pending rows (the status is written in, so the planner always sees
# the index's condition); a row another worker holds is skipped, not waited for.
_CLAIM_SQL = (
    "SELECT {columns}, {opted_out} FROM {table} WHERE status = 'pending' AND send_after <= %s{one} "
    "ORDER BY send_after, id LIMIT 1 FOR UPDATE SKIP LOCKED"
)
# Whether a text message's number said STOP, read with the claim (no round trip of its own).
_OPTED_OUT_SQL = (
    "(channel = 'sms' AND EXISTS (SELECT 1 FROM {optouts} o WHERE o.phone = {table}.phone))"
)
_SENT_SQL = (
    "UPDATE {table} SET status = %s, attempts = %s, last_error = '', sent_at = %s, "
    "provider_id = %s WHERE id = %s"
)


@functools.cache
def _statements() -> tuple[str, str, str, tuple]:
    quote = db_connection.ops.quote_name
    fields = tuple(Notification._meta.concrete_fields)
    table = quote(Notification._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    opted_out = _OPTED_OUT_SQL.replace("{optouts}", quote(SmsOptOut._meta.db_table))
    claim = (
        _CLAIM_SQL.replace("{columns}", columns)
        .replace("{opted_out}", opted_out)
        .replace("{table}", table)
    )
    return (
        claim.replace("{one}", ""),
        claim.replace("{one}", " AND id = %s"),
        _SENT_SQL.replace("{table}", table),
        fields,
    )


def _claim(notification_id: int | None = None) -> Notification | None:
    """Lock the next due pending row (or the given one, if due and pending) for this
    transaction, as a model instance; None when there is none free."""
    any_row, one_row, _sent, fields = _statements()
    params: list[Any] = [timezone.now()]
    if notification_id is not None:
        params.append(notification_id)
    with db_connection.cursor() as cursor:
        cursor.execute(any_row if notification_id is None else one_row, params)
        row = cursor.fetchone()
    if row is None:
        return None
    *row, opted_out = row
    values = [
        field.from_db_value(value, None, db_connection)
        if hasattr(field, "from_db_value")
        else value
        for field, value in zip(fields, row, strict=True)
    ]
    notification = Notification.from_db(db_connection.alias, [f.attname for f in fields], values)
    notification.opted_out = bool(opted_out)
    return notification


# A message whose content is a secret (a login code, a link that logs in) sets this in its
# context: once it is sent, or has failed for good, its content is blanked, so the outbox never
# keeps a working code for anyone who can read the table.
FORGET_CONTENT = "_forget_after_sending"


def _forget_secret_content(notification: Notification) -> None:
    if notification.context.get(FORGET_CONTENT):
        notification.context = {FORGET_CONTENT: True}
        Notification.objects.filter(pk=notification.pk).update(context=notification.context)


def _mark_sent(notification: Notification) -> None:
    notification.status = Notification.Status.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    with db_connection.cursor() as cursor:
        cursor.execute(
            _statements()[2],
            [
                notification.status,
                notification.attempts,
                notification.sent_at,
                notification.provider_id,
                notification.pk,
            ],
        )
    _forget_secret_content(notification)


def notification_send(*, notification_id: int) -> bool:
    """Send one row if it is due and nobody else holds it. True if this call sent it.

    The row stays locked while it is sent and is marked sent in the same transaction: a second
    claim finds it locked or sent and sends nothing; a worker that dies mid-send leaves it pending.
    """
    with transaction.atomic():
        notification = _claim(notification_id)
        if notification is None:
            return False
        return _deliver(notification)


# The sweep lives in its own module; callers keep importing it from here.
from .sweep import notifications_send_due as notifications_send_due  # noqa: E402
