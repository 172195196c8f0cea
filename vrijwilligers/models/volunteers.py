"""A volunteer of the house and an application to become one.

The profile keeps what the house must know and little more: what the volunteer likes to do, when
they are usually free, their languages, and the legal facts (law of 3 July 2005 on volunteer
work): the start date, the day the information note was acknowledged, the insurance, and for
someone on a benefit the day the benefit agency was told (a date, never a reason)."""

import secrets

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Task(models.TextChoices):
    RECEPTION = "reception", _("Reception desk")
    KITCHEN = "kitchen", _("Coffee and kitchen")
    ACTIVITIES = "activities", _("Leading or helping at activities")
    ACCOMPANY = "accompany", _("Accompanying visitors")
    EVENTS = "events", _("Events")


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


def tasks_field(**kwargs) -> ArrayField:
    return ArrayField(
        models.CharField(max_length=16, choices=Task.choices), default=list, blank=True, **kwargs
    )


class Volunteer(models.Model):
    # Empty once the person deleted their account: the hours stay counted, the name goes.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="volunteer",
        verbose_name=_("person"),
    )
    tasks = tasks_field(verbose_name=_("likes to do"))
    availability = models.CharField(
        _("usually free"), max_length=300, blank=True, help_text=_("For example: Tuesday mornings.")
    )
    languages = models.CharField(_("languages"), max_length=120, blank=True)
    started_on = models.DateField(_("volunteer since"))
    info_note_on = models.DateField(
        _("information note acknowledged on"),
        null=True,
        blank=True,
        help_text=_("The law on volunteer work obliges the house to inform every volunteer."),
    )
    insured = models.BooleanField(_("covered by the house's insurance"), default=False)
    receives_benefit = models.BooleanField(_("receives a benefit"), default=False)
    benefit_agency_told_on = models.DateField(
        _("benefit agency (RVA, health fund) told on"), null=True, blank=True
    )
    gets_allowance = models.BooleanField(_("gets the flat-rate volunteer allowance"), default=True)
    is_active = models.BooleanField(_("active"), default=True)
    ended_on = models.DateField(_("stopped on"), null=True, blank=True)
    feed_token = models.CharField(
        max_length=64, unique=True, default=new_feed_token, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["user__display_name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("vrijwilligers:volunteer_detail", args=[self.pk])

    @property
    def name(self) -> str:
        return self.user.display_name if self.user_id else "—"

    def get_tasks_display(self) -> list[str]:
        return [str(Task(t).label) for t in self.tasks if t in Task.values]


class Application(models.Model):
    """Someone asked to volunteer on the public page. A coordinator calls them and accepts or
    declines; accepting makes (or finds) their account and their volunteer profile."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("email address"))
    phone = models.CharField(_("phone number"), max_length=32, blank=True)
    tasks = tasks_field(verbose_name=_("what you like to do"))
    availability = models.CharField(_("when you are usually free"), max_length=300, blank=True)
    languages = models.CharField(_("languages you speak"), max_length=120, blank=True)
    message = models.TextField(_("anything else"), max_length=1000, blank=True)
    language = models.CharField(_("language"), max_length=8, default="nl")
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW
    )
    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("application to volunteer")
        verbose_name_plural = _("applications to volunteer")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("vrijwilligers:application_detail", args=[self.pk])

    def get_tasks_display(self) -> list[str]:
        return [str(Task(t).label) for t in self.tasks if t in Task.values]
