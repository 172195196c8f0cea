"""The outbox: every message the house sends is a row here, and each person's choice of channels."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from huis.core.phone import display_phone_number


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")


class Delivery(models.TextChoices):
    """What the text-message provider's delivery reports said (empty: no report yet)."""

    SENT = "sent", _("Handed to the phone network")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Not delivered")


class Notification(models.Model):
    """One message to one person over one channel, sent at most once (the key is unique)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    key = models.CharField(_("deduplication key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=80)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    email = models.EmailField(_("email address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    context = models.JSONField(_("content"), default=dict, blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    due_at = models.DateTimeField(_("due"), db_default=Now())
    # When the next try may start: the due time at first, later than that after a failure.
    send_after = models.DateTimeField(_("next try"), db_default=Now())
    attempts = models.PositiveSmallIntegerField(_("tries"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # Text messages: the provider's id of the message and what its delivery reports said.
    provider_id = models.CharField(
        _("provider's message id"), max_length=64, blank=True, db_default=""
    )
    delivery = models.CharField(
        _("delivery"), max_length=16, choices=Delivery.choices, blank=True, db_default=""
    )
    delivery_at = models.DateTimeField(_("delivery reported"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-due_at"]
        indexes = [
            # The sweep's query: pending rows whose time has come.
            # The sweep's claim reads it in order (send_after, id) with LIMIT 1: both in the index,
            # or every claim sorts all rows due at the same moment (a whole activity's reminders).
            models.Index(
                fields=["send_after", "id"],
                condition=models.Q(status="pending"),
                name="notification_due_order_idx",
            ),
            models.Index(fields=["status", "-due_at"], name="notification_status_idx"),
            # The month's count of text messages (budget, dashboard) and the delivery reports.
            models.Index(
                fields=["sent_at"], condition=models.Q(channel="sms"), name="notification_sms_idx"
            ),
            models.Index(
                fields=["provider_id"],
                condition=~models.Q(provider_id=""),
                name="notification_provider_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(channel="email") | ~models.Q(email=""),
                name="notification_email_has_address",
            ),
            models.CheckConstraint(
                condition=~models.Q(channel="sms") | ~models.Q(phone=""),
                name="notification_sms_has_number",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="notification_sent_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def phone_display(self) -> str:
        return display_phone_number(self.phone)


class NotificationPreference(models.Model):
    """How a person wants to hear from the house. No row means: by email only."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("person"),
    )
    by_email = models.BooleanField(_("by email"), default=True)
    by_sms = models.BooleanField(_("by text message"), default=False)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def channels(self) -> list[str]:
        return [
            channel
            for channel, chosen in ((Channel.EMAIL, self.by_email), (Channel.SMS, self.by_sms))
            if chosen
        ]


class SmsOptOut(models.Model):
    """A phone number that asked for no more text messages (replied STOP). No message goes to it
    until it replies START."""

    phone = models.CharField(_("phone number"), max_length=32, unique=True)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)
    source = models.CharField(_("how"), max_length=32)

    class Meta:
        verbose_name = _("text message opt-out")
        verbose_name_plural = _("text message opt-outs")

    def __str__(self) -> str:
        return self.phone


class SmsReport(models.Model):
    """A delivery report or incoming message taken from the provider, by its idempotency token:
    the same report twice (a replay) is refused."""

    token = models.CharField(_("token"), max_length=200, unique=True)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("text message report")
        verbose_name_plural = _("text message reports")

    def __str__(self) -> str:
        return self.token


class ShortLink(models.Model):
    """A short address (/k/<code>) for a long link of the portal, for text messages. The code is
    random and signed; it stops working when the link it stands for does."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    target = models.TextField(_("link"))
    target_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("valid until"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("short link")
        verbose_name_plural = _("short links")
        indexes = [models.Index(fields=["expires_at"], name="shortlink_expiry_idx")]

    def __str__(self) -> str:
        return self.code


class NoticeMessage(models.Model):
    """A short message staff wrote to everyone signed up for something (or its waiting list).

    What it is about is named by the registered audience (`huis.core.registry`) and the object's
    id: the core does not know the function apps' models."""

    audience = models.CharField(_("about"), max_length=80)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("title"), max_length=200)
    to_waiting = models.BooleanField(_("to the waiting list"), default=False)
    text = models.TextField(_("message"))
    recipients = models.PositiveIntegerField(_("people reached"), default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("message to participants")
        verbose_name_plural = _("messages to participants")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["audience", "object_id"], name="notice_message_about_idx")]

    def __str__(self) -> str:
        return self.title
