"""The Belgian flat-rate volunteer allowance: the legal figures per calendar year, and each
expert's year (which way they are paid, and what they received elsewhere).

The figures are data: the data migration writes the legal ones for 2025 and 2026; an
administrator adds a new year (or corrects the higher yearly cap and the km rate, which change
with indexation) in the admin.
"""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from .expert import Expert


class AllowanceRate(models.Model):
    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    daily_cap = models.DecimalField(_("most per day (EUR)"), max_digits=8, decimal_places=2)
    yearly_cap = models.DecimalField(_("most per year (EUR)"), max_digits=8, decimal_places=2)
    higher_yearly_cap = models.DecimalField(
        _("higher yearly cap (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "For the few kinds of work the law allows it for. Editable: check the yearly circular."
        ),
    )
    km_rate = models.DecimalField(
        _("travel allowance per km (EUR)"),
        max_digits=6,
        decimal_places=4,
        help_text=_("The indexed rate. Editable: check the yearly circular."),
    )
    km_yearly_max = models.PositiveIntegerField(_("most km a year"), default=2000)

    class Meta:
        verbose_name = _("allowance rates")
        verbose_name_plural = _("allowance rates")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(daily_cap__gt=0, yearly_cap__gt=0), name="rate_caps_positive"
            )
        ]

    def __str__(self) -> str:
        return str(self.year)

    def yearly_cap_for(self, *, higher: bool) -> Decimal:
        if higher and self.higher_yearly_cap:
            return self.higher_yearly_cap
        return self.yearly_cap


class AllowanceMode(models.TextChoices):
    FLAT = "flat", _("Flat-rate allowance")
    REAL = "real", _("Refund of real costs")


class AllowanceYear(models.Model):
    """One expert's calendar year. The law forbids mixing a flat rate and real-cost refunds for
    one volunteer in one year: the mode is fixed once something was paid."""

    Mode = AllowanceMode

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="allowance_years")
    year = models.PositiveSmallIntegerField(_("year"))
    mode = models.CharField(
        _("how the expert is paid"),
        max_length=8,
        choices=AllowanceMode.choices,
        default=AllowanceMode.FLAT,
    )
    received_elsewhere = models.DecimalField(
        _("flat-rate allowances received elsewhere this year (EUR)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("0.00"),
    )
    km_elsewhere = models.PositiveIntegerField(_("km refunded elsewhere this year"), default=0)

    class Meta:
        verbose_name = _("allowance year")
        verbose_name_plural = _("allowance years")
        constraints = [
            models.UniqueConstraint(fields=["expert", "year"], name="allowance_year_once"),
            models.CheckConstraint(
                condition=models.Q(received_elsewhere__gte=0), name="allowance_elsewhere_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.expert} {self.year}"
