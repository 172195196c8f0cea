"""Shared responsibility: a person's guidance by a lead partner under an agreement.

The charter asks for at least six months: the database refuses an agreement that ends sooner. When
the lead partner withdraws (from the person's guidance or from the network), the agreement keeps
going without a lead until a coordinator records the handover to another partner.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation

from .people import Person
from .referrals import Referral

MINIMUM_TERM_MONTHS = 6


class PlusMonths(models.Func):
    """date + N months, as a date (PostgreSQL's calendar arithmetic: 31 Aug + 6 months = 28 Feb)."""

    output_field = models.DateField()

    def __init__(self, expression, months: int, **extra):
        super().__init__(expression, **extra)
        self.months = int(months)

    def as_sql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) + interval '{self.months} months')::date", params


class GuidanceAgreement(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")
        STOPPED = "stopped", _("Stopped early")

    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="guidance_agreements",
        verbose_name=_("person"),
    )
    referral = models.ForeignKey(
        Referral,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guidance_agreements",
        verbose_name=_("from referral"),
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="guidance_led",
        verbose_name=_("lead partner"),
        help_text=_("Empty when the lead partner withdrew and nobody took over yet."),
    )
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="guidance_involved",
        verbose_name=_("other partners involved"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    goals = models.TextField(_("what we work on together"), blank=True)
    lead_withdrawn_at = models.DateTimeField(_("lead partner withdrew"), null=True, blank=True)
    previous_lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead partner that withdrew"),
    )
    lead_withdrawal_reason = models.TextField(_("why the lead partner withdrew"), blank=True)
    # The person signed the printed agreement on this day (no scan of a signature is kept).
    signed_on = models.DateField(_("signed by the person on"), null=True, blank=True)
    signed_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signature recorded by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("made by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("guidance agreement")
        verbose_name_plural = _("guidance agreements")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["lead_organisation", "status"], name="netwerk_guid_lead"),
            models.Index(
                fields=["starts_on"],
                condition=models.Q(status="active", lead_organisation__isnull=True),
                name="netwerk_guid_without_lead",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    ends_on__gte=PlusMonths(models.F("starts_on"), MINIMUM_TERM_MONTHS)
                ),
                name="netwerk_guidance_minimum_term",
                violation_error_message=_(
                    "A guidance agreement runs at least six months (the network's charter)."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.starts_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("netwerk:guidance_detail", kwargs={"pk": self.pk})

    @property
    def has_lead(self) -> bool:
        return self.lead_organisation_id is not None


class GuidanceEvaluation(models.Model):
    agreement = models.ForeignKey(
        GuidanceAgreement,
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("guidance agreement"),
    )
    planned_on = models.DateField(_("planned on"))
    done_at = models.DateTimeField(_("held"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("held by"),
    )
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("planned by"),
    )
    summary = models.TextField(_("what was agreed"), blank=True)
    # Set by the sweep that queues the reminder, so each moment is reminded once.
    reminder_queued_at = models.DateTimeField(_("reminder queued"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation moment")
        verbose_name_plural = _("evaluation moments")
        ordering = ["planned_on", "pk"]
        indexes = [
            models.Index(
                fields=["planned_on"],
                condition=models.Q(done_at__isnull=True, reminder_queued_at__isnull=True),
                name="netwerk_eval_to_remind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agreement} – {self.planned_on:%d/%m/%Y}"


class GuidanceHandover(models.Model):
    agreement = models.ForeignKey(
        GuidanceAgreement,
        on_delete=models.CASCADE,
        related_name="handovers",
        verbose_name=_("guidance agreement"),
    )
    from_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("from partner"),
    )
    to_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("to partner"),
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    reason = models.TextField(_("why"))

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_organisation=models.F("to_organisation")),
                name="netwerk_handover_to_another_org",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_organisation} → {self.to_organisation}"
