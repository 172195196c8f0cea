"""The network's charter: a versioned text, and which organisation signed which version.

A version is a draft until a coordinator publishes it; the newest published version is the one in
force. An organisation whose newest signature is for an older version is asked to sign again.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation


class Charter(models.Model):
    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    summary_of_changes = models.TextField(
        _("what changed"), blank=True, help_text=_("In a few lines, for the partners.")
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("charter version")
        verbose_name_plural = _("charter versions")
        ordering = ["-version"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(version__gte=1), name="netwerk_charter_version_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    def get_absolute_url(self) -> str:
        return reverse("netwerk:charter_detail", kwargs={"version": self.version})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class CharterSignature(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="charter_signatures",
        verbose_name=_("organisation"),
    )
    charter = models.ForeignKey(
        Charter,
        on_delete=models.PROTECT,
        related_name="signatures",
        verbose_name=_("charter version"),
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="charter_signatures",
        verbose_name=_("signed by"),
    )
    signed_by_name = models.CharField(
        _("name of the signer"),
        max_length=120,
        blank=True,
        help_text=_("Kept when the signer's account is erased."),
    )
    signed_at = models.DateTimeField(_("signed"), auto_now_add=True)

    class Meta:
        verbose_name = _("charter signature")
        verbose_name_plural = _("charter signatures")
        ordering = ["-signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "charter"], name="netwerk_signature_once_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – v{self.charter.version}"
