"""A warm referral: a worker hands a person's question over to a partner, with their consent.

Only the sending organisation, the receiving organisation and coordinators ever see a referral;
the receiver sees the person's details only while the consent is active. Every step is a row in
the referral's history.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation

from .people import Consent, Person


class Origin(models.TextChoices):
    INTAKE = "intake", _("An intake")
    OUTREACH = "outreach", _("Outreach or a home visit")
    PASSED_ON = "passed_on", _("Passed on by a partner")


class Referral(models.Model):
    Origin = Origin

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        IN_PROGRESS = "in_progress", _("In progress")
        CLOSED = "closed", _("Closed")
        DECLINED = "declined", _("Declined")

    OPEN_STATUSES = (Status.SENT, Status.ACCEPTED, Status.IN_PROGRESS)

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("person")
    )
    consent = models.ForeignKey(
        Consent, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("consent")
    )
    from_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referrals_sent",
        verbose_name=_("from organisation"),
    )
    from_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals_sent",
        verbose_name=_("referred by"),
    )
    to_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("to organisation"),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals_handled",
        verbose_name=_("handled by"),
    )
    question = models.TextField(_("the person's question"))
    minimum_needed = models.TextField(
        _("what the partner needs to know"),
        blank=True,
        help_text=_("Only the minimum needed to help. No diagnosis."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SENT
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    # The intake carried along: what was already tried and the needs seen, so that a partner
    # further down the chain reads them instead of asking the person again.
    tried = models.TextField(_("what was already tried"), blank=True)
    needs = models.JSONField(_("needs seen"), default=list, blank=True)
    origin = models.CharField(
        _("started from"), max_length=16, choices=Origin.choices, default=Origin.INTAKE
    )
    # The chain: the referral this one passes on, and the first referral of the chain (empty on
    # the first one), so the whole chain is one indexed query.
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="passed_on",
        verbose_name=_("passed on from"),
    )
    root = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("first referral of the chain"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["to_organisation", "status", "-created_at"], name="netwerk_ref_in"
            ),
            models.Index(
                fields=["from_organisation", "status", "-created_at"], name="netwerk_ref_out"
            ),
            models.Index(fields=["status", "-created_at"], name="netwerk_ref_status"),
            models.Index(fields=["closed_at"], name="netwerk_ref_closed"),
            models.Index(fields=["root"], name="netwerk_ref_root"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_organisation=models.F("to_organisation")),
                name="netwerk_referral_to_another_org",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decline_reason=""),
                name="netwerk_referral_decline_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=["closed", "declined"], closed_at__isnull=False)
                | models.Q(~models.Q(status__in=["closed", "declined"]), closed_at__isnull=True),
                name="netwerk_referral_closed_at_iff_finished",
            ),
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True, root__isnull=True)
                | models.Q(parent__isnull=False, root__isnull=False),
                name="netwerk_referral_chain_has_root",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_organisation} → {self.to_organisation} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("netwerk:referral_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def chain_root_id(self) -> int:
        return self.root_id or self.pk


class ReferralEvent(models.Model):
    referral = models.ForeignKey(
        Referral, on_delete=models.CASCADE, related_name="events", verbose_name=_("referral")
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    from_status = models.CharField(
        _("from status"), max_length=16, choices=Referral.Status.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=16, choices=Referral.Status.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("referral event")
        verbose_name_plural = _("referral events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_status} → {self.to_status}"
