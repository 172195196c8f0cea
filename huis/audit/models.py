"""Who did and who saw what. Rows are only ever added."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("what"), max_length=80)
    object_type = models.CharField(_("kind of record"), max_length=80, blank=True)
    object_id = models.CharField(_("record"), max_length=40, blank=True)
    # The person whose data this is about (read or changed), so they can be shown who touched it.
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about whom"),
    )
    # Field names and ids only, never the personal data itself.
    data = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "-at"]),
            models.Index(fields=["subject", "-at"], name="audit_subject_at"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}:{self.object_id}"
