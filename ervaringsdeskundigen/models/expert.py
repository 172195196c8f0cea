"""The expert by experience: a profile next to the account of a person with the expert role."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .lists import Language, Region, Theme, WorkKind


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class Expert(models.Model):
    """What coordinators need to find the right person, and nothing more (no medical detail)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="expert_profile",
        verbose_name=_("person"),
    )
    themes = models.ManyToManyField(
        Theme, related_name="experts", blank=True, verbose_name=_("themes of lived experience")
    )
    excluded_themes = models.ManyToManyField(
        Theme,
        related_name="+",
        blank=True,
        verbose_name=_("themes I do not want to speak about"),
    )
    work_kinds = models.ManyToManyField(
        WorkKind, related_name="experts", blank=True, verbose_name=_("kinds of work")
    )
    languages = models.ManyToManyField(
        Language, related_name="experts", blank=True, verbose_name=_("languages")
    )
    region = models.CharField(_("region"), max_length=80, blank=True)
    home_region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("home municipality"),
        help_text=_("Where travel is counted from (the town centre, approximately)."),
    )
    travel_km = models.PositiveSmallIntegerField(
        _("how far I travel (km)"), default=30, help_text=_("One way, from home.")
    )
    max_per_month = models.PositiveSmallIntegerField(_("most assignments a month"), default=4)
    trainings = models.TextField(_("trainings followed"), blank=True)
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_scope = models.CharField(_("consent given for"), max_length=250, blank=True)
    is_paused = models.BooleanField(
        _("paused"),
        default=False,
        help_text=_("While paused, you get no proposals."),
    )
    receives_benefit = models.BooleanField(
        _("receives a sickness or invalidity benefit"),
        default=False,
        help_text=_("Then the sickness fund's doctor must agree to the volunteer work."),
    )
    fund_permission_since = models.DateField(
        _("sickness fund permission on file since"),
        null=True,
        blank=True,
        help_text=_("Only whether the permission is on file, never medical details."),
    )
    public_text = models.TextField(_("short public text"), blank=True, max_length=800)
    publish_public_text = models.BooleanField(_("show my public text"), default=False)
    feed_token = models.CharField(
        max_length=64, unique=True, default=new_feed_token, editable=False
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("expert by experience")
        verbose_name_plural = _("experts by experience")
        ordering = ["user__display_name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_per_month__gte=1), name="expert_max_per_month_positive"
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def name(self) -> str:
        return self.user.display_name

    @property
    def lacks_fund_permission(self) -> bool:
        return self.receives_benefit and self.fund_permission_since is None


class DayPart(models.TextChoices):
    MORNING = "morning", _("morning")
    AFTERNOON = "afternoon", _("afternoon")
    EVENING = "evening", _("evening")


# Hours (local time) that fall in each part of the day; matching maps a request's start to one.
DAY_PART_HOURS = {
    DayPart.MORNING: range(0, 12),
    DayPart.AFTERNOON: range(12, 18),
    DayPart.EVENING: range(18, 24),
}


def day_part_of(hour: int) -> str:
    for part, hours in DAY_PART_HOURS.items():
        if hour in hours:
            return part
    return DayPart.EVENING


class Weekday(models.IntegerChoices):
    MONDAY = 0, pgettext_lazy("weekday", "Monday")
    TUESDAY = 1, pgettext_lazy("weekday", "Tuesday")
    WEDNESDAY = 2, pgettext_lazy("weekday", "Wednesday")
    THURSDAY = 3, pgettext_lazy("weekday", "Thursday")
    FRIDAY = 4, pgettext_lazy("weekday", "Friday")
    SATURDAY = 5, pgettext_lazy("weekday", "Saturday")
    SUNDAY = 6, pgettext_lazy("weekday", "Sunday")


class Availability(models.Model):
    """The expert is usually free at this part of this weekday."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    part = models.CharField(_("part of the day"), max_length=16, choices=DayPart.choices)

    class Meta:
        verbose_name = _("availability")
        verbose_name_plural = _("availability")
        ordering = ["weekday", "part"]
        constraints = [
            models.UniqueConstraint(
                fields=["expert", "weekday", "part"], name="availability_once_per_slot"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.get_part_display()}"


class Absence(models.Model):
    """A period away: holidays, a hard time, anything. The reason stays with the expert."""

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="absences")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))

    class Meta:
        verbose_name = _("period away")
        verbose_name_plural = _("periods away")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="absence_ends_after"
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"
