"""The Belgian flat-rate volunteer allowance: the legal figures per calendar year, and each
expert's year (which way they are paid, and what they received elsewhere).

The figures are data: the data migrations write the legal ones for 2025 and 2026 (sources in
ervaringsdeskundigen/migrations/0004_legal_figures.py); an administrator adds a new year, a new
quarter's km rate or a missing higher cap in the admin. A figure nobody found stays empty, and the
pages say it is unknown rather than guess.
"""

import datetime as dt
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
            "For the few kinds of work the law allows it for (sport, day and night sitting with "
            "people who need help, non-urgent transport of lying patients), and only for "
            "volunteers without a social benefit. Empty while unknown."
        ),
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
        """The cap that applies. When the higher cap applies but is not known (empty), the
        normal cap is the safe one: paying within it never crosses the law's limit."""
        if higher and self.higher_yearly_cap:
            return self.higher_yearly_cap
        return self.yearly_cap


class KmRate(models.Model):
    """The most a volunteer may get per km by car, for one period. It follows the federal civil
    servants' rate (royal decree of 13 July 2017, art. 74), which changes every quarter since
    1 October 2022."""

    valid_from = models.DateField(_("from"), unique=True)
    valid_until = models.DateField(_("until"))
    rate = models.DecimalField(_("most per km (EUR)"), max_digits=6, decimal_places=4)
    source = models.CharField(_("source"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("km rate")
        verbose_name_plural = _("km rates")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("valid_from")),
                name="km_rate_period_ends_after",
            ),
            models.CheckConstraint(condition=models.Q(rate__gt=0), name="km_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.valid_from} – {self.valid_until}: {self.rate}"

    @classmethod
    def for_day(cls, day: dt.date) -> "KmRate | None":
        return (
            cls.objects.filter(valid_from__lte=day, valid_until__gte=day)
            .order_by("-valid_from")
            .first()
        )


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
