"""The outbox: every message the house sends is a row here, and each person's choice of channels."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")


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
