"""What the house itself keeps: how long each kind of record is kept (retention as data)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionPolicy(models.Model):
    """How many days a kind of record is kept before it is erased or anonymised.

    One row per rule an app registers (`huis.core.registry.register_retention_rule`); the row is
    created with the rule's default and an administrator may change the number of days.
    """

    key = models.CharField(_("kind of record"), max_length=80, unique=True)
    days = models.PositiveIntegerField(
        _("days kept"),
        validators=[MinValueValidator(1), MaxValueValidator(36500)],
        help_text=_("After this many days the records are erased or anonymised, every night."),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    last_applied_at = models.DateTimeField(_("last applied"), null=True, blank=True)
    last_count = models.PositiveIntegerField(_("records erased last time"), default=0)

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        ordering = ["key"]
        constraints = [
            models.CheckConstraint(condition=models.Q(days__gte=1), name="retention_days_positive")
        ]

    def __str__(self) -> str:
        rule = self.rule
        return str(rule.label) if rule else self.key

    @property
    def rule(self):
        from .registry import retention_rules

        return next((r for r in retention_rules() if r.key == self.key), None)
