"""One row of facts about the house, its weekly opening periods and its closed days."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LANGUAGES = ("nl", "fr", "en")


class HouseFacts(models.Model):
    """The house's facts. There is one row (id 1): the database refuses a second."""

    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street"), max_length=200, blank=True)
    number = models.CharField(_("house number"), max_length=20, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    email = models.EmailField(_("email address"), blank=True)
    # Public transport and the entrance, then step-free access, then the welcome text: in Dutch,
    # with `_nl`, `_fr` and `_en` columns from django-modeltranslation (huis/facts/translation.py).
    route = models.TextField(_("how to get here"), blank=True, db_default="")
    access = models.TextField(_("step-free access"), blank=True, db_default="")
    welcome = models.TextField(_("welcome text"), blank=True, db_default="")
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("the house's facts")
        verbose_name_plural = _("the house's facts")
        constraints = [models.CheckConstraint(condition=Q(id=1), name="house_facts_one_row")]

    def __str__(self) -> str:
        return self.name


class OpeningPeriod(models.Model):
    """The house is open on this weekday from `opens_at` to `closes_at` (several a day allowed)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0, pgettext_lazy("weekday", "Monday")
        TUESDAY = 1, pgettext_lazy("weekday", "Tuesday")
        WEDNESDAY = 2, pgettext_lazy("weekday", "Wednesday")
        THURSDAY = 3, pgettext_lazy("weekday", "Thursday")
        FRIDAY = 4, pgettext_lazy("weekday", "Friday")
        SATURDAY = 5, pgettext_lazy("weekday", "Saturday")
        SUNDAY = 6, pgettext_lazy("weekday", "Sunday")

    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening period")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__lt=models.F("closes_at")), name="opening_period_in_order"
            ),
            models.UniqueConstraint(fields=["weekday", "opens_at"], name="opening_period_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class Closure(models.Model):
    """A day the house is closed although its hours say open: a public holiday, a team day."""

    date = models.DateField(_("date"), unique=True)
    reason = models.CharField(_("reason"), max_length=200)

    class Meta:
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.reason}"
