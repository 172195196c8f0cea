"""The trajectory of an admitted household: its guidance agreement (lead partner and the other
partners come from there), a plan with goals per life domain co-written with the family, a
contact log, evaluation moments, housing checks at 6, 12 and 24 months and an end with a reason.

Outcomes are data here (a housing check says housed yes or no, a goal is reached or not); the
programme's figures are computed from these rows, never typed in.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .applications import Application
from .programmes import Programme

CHECK_MONTHS = (6, 12, 24)


class LifeDomain(models.TextChoices):
    HOUSING = "housing", _("Housing")
    INCOME = "income", _("Income")
    HEALTH = "health", _("Health")
    CHILDREN = "children", _("Children")
    SOCIAL = "social", _("Social network")
    WORK = "work", _("Work or daytime activity")


class EndReason(models.TextChoices):
    STABLE = "stable", _("Stable: guidance no longer needed")
    HANDED_OVER = "handed_over", _("Handed over to regular guidance")
    MOVED = "moved", _("Moved away")
    FAMILY_STOPPED = "family_stopped", _("The family chose to stop")
    HOUSING_LOST = "housing_lost", _("Housing lost")
    OTHER = "other", _("Other")


class ContactKind(models.TextChoices):
    HOME_VISIT = "home_visit", _("Home visit")
    PHONE = "phone", _("Phone or message")
    MEETING = "meeting", _("Meeting elsewhere")
    PARTNERS = "partners", _("Consultation with partners")


class Trajectory(models.Model):
    """One admitted household's guidance in a programme, not limited in time."""

    application = models.OneToOneField(
        Application,
        on_delete=models.PROTECT,
        related_name="trajectory",
        verbose_name=_("application"),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="trajectories",
        verbose_name=_("programme"),
    )
    agreement = models.OneToOneField(
        "netwerk.GuidanceAgreement",
        on_delete=models.PROTECT,
        related_name="trajectory",
        verbose_name=_("guidance agreement"),
    )
    started_on = models.DateField(_("started on"))
    housed_on = models.DateField(
        _("housed on"),
        null=True,
        blank=True,
        help_text=_("The day the family got the keys of their home."),
    )
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for the end"), max_length=16, choices=EndReason.choices, blank=True
    )
    end_note = models.TextField(_("about the end"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("trajectory")
        verbose_name_plural = _("trajectories")
        ordering = ["-started_on", "-pk"]
        indexes = [models.Index(fields=["programme", "started_on"], name="traj_traj_prog")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(ended_on__isnull=True) & models.Q(end_reason=""))
                | (models.Q(ended_on__gte=models.F("started_on")) & ~models.Q(end_reason="")),
                name="traj_end_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.family_label} – {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("trajecten:trajectory_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.ended_on is None

    @property
    def family_label(self) -> str:
        return self.application.family_label


class Goal(models.Model):
    """A goal of the plan, in one life domain, written with the family in their words."""

    class Status(models.TextChoices):
        OPEN = "open", _("Working on it")
        REACHED = "reached", _("Reached")
        NOT_REACHED = "not_reached", _("Not reached")
        DROPPED = "dropped", _("No longer a goal")

    trajectory = models.ForeignKey(
        Trajectory, on_delete=models.CASCADE, related_name="goals", verbose_name=_("trajectory")
    )
    domain = models.CharField(_("life domain"), max_length=16, choices=LifeDomain.choices)
    text = models.TextField(_("the goal, in the family's words"))
    written_with = models.CharField(
        _("written together with"),
        max_length=120,
        help_text=_("Who of the family wrote this goal with you."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    status_changed_on = models.DateField(_("status since"), default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written down by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["domain", "pk"]
        indexes = [models.Index(fields=["trajectory", "domain"], name="traj_goal_domain")]

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.text[:40]}"


class ContactLog(models.Model):
    """One contact with the family or about them; short, factual, no diagnosis."""

    trajectory = models.ForeignKey(
        Trajectory,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("trajectory"),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(
        _("kind of contact"), max_length=16, choices=ContactKind.choices, default="home_visit"
    )
    note = models.TextField(_("what was done or agreed"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("written by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contact log")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


class EvaluationMoment(models.Model):
    """A planned evaluation with the family and the partners; reminded through the outbox."""

    trajectory = models.ForeignKey(
        Trajectory,
        on_delete=models.CASCADE,
        related_name="evaluations",
        verbose_name=_("trajectory"),
    )
    planned_on = models.DateField(_("planned on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    summary = models.TextField(_("what came out of it"), blank=True)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("planned by"),
    )

    class Meta:
        verbose_name = _("evaluation moment")
        verbose_name_plural = _("evaluation moments")
        ordering = ["planned_on", "pk"]

    def __str__(self) -> str:
        return f"{self.trajectory}: {self.planned_on:%d/%m/%Y}"


class HousingCheck(models.Model):
    """Is the household still housed, 6, 12 or 24 months after moving in? One row per moment."""

    trajectory = models.ForeignKey(
        Trajectory,
        on_delete=models.CASCADE,
        related_name="housing_checks",
        verbose_name=_("trajectory"),
    )
    months = models.PositiveSmallIntegerField(
        _("months after moving in"), choices=[(m, m) for m in CHECK_MONTHS]
    )
    housed = models.BooleanField(_("still housed"))
    checked_on = models.DateField(_("checked on"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=200, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )

    class Meta:
        verbose_name = _("housing check")
        verbose_name_plural = _("housing checks")
        ordering = ["months"]
        constraints = [
            models.UniqueConstraint(
                fields=["trajectory", "months"], name="traj_check_once_per_moment"
            ),
            models.CheckConstraint(
                condition=models.Q(months__in=CHECK_MONTHS), name="traj_check_known_moment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trajectory}: {self.months}"
