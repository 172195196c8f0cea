"""Shifts of the roster, their weekly series, the hours worked and the swaps asked.

A shift's places (how many volunteers it needs, and who waits) are a huis.places offering: the
places engine counts them under its row lock, so a shift never gets more volunteers than it
needs. A shift can belong to an activity or a course session (a generic link, so those apps need
no column for it): its volunteers are then that activity's leaders or helpers."""

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .volunteers import Volunteer, tasks_field


class ShiftKind(models.TextChoices):
    RECEPTION = "reception", _("Reception")
    ACTIVITY_LEAD = "activity_lead", _("Leading an activity")
    ACTIVITY_HELP = "activity_help", _("Helping at an activity")
    EVENT = "event", _("Event")
    OTHER = "other", _("Other")


class ShiftSeries(models.Model):
    """A shift that comes back every week (the reception on Tuesday mornings)."""

    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(_("kind"), max_length=16, choices=ShiftKind.choices)
    weekday = models.PositiveSmallIntegerField(_("weekday"))  # 0 Monday .. 6 Sunday
    start_time = models.TimeField(_("from"))
    end_time = models.TimeField(_("until"))
    needed = models.PositiveSmallIntegerField(_("volunteers needed"))
    starts_on = models.DateField(_("first day"))
    until = models.DateField(_("last day"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("weekly shift")
        verbose_name_plural = _("weekly shifts")
        constraints = [
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="shift_series_weekday"),
        ]

    def __str__(self) -> str:
        return self.title


class Shift(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CANCELLED = "cancelled", _("Cancelled")

    Kind = ShiftKind

    title = models.CharField(_("title"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=16, choices=ShiftKind.choices, default=ShiftKind.RECEPTION
    )
    tasks = tasks_field(verbose_name=_("tasks"))
    starts_at = models.DateTimeField(_("start"))
    ends_at = models.DateTimeField(_("end"))
    needed = models.PositiveSmallIntegerField(_("volunteers needed"), default=1)
    place = models.CharField(_("where"), max_length=150, blank=True)
    notes = models.CharField(_("what to know"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED
    )
    cancel_reason = models.CharField(_("why it is cancelled"), max_length=300, blank=True)
    series = models.ForeignKey(
        ShiftSeries,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="shifts",
        verbose_name=_("weekly shift"),
    )
    # The activity or course session this shift staffs (another app's object, named generically).
    for_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    for_id = models.PositiveBigIntegerField(null=True, blank=True)
    offering = models.OneToOneField(
        "places.PlaceOffering",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("shift")
        verbose_name_plural = _("shifts")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["starts_at"]),
            models.Index(fields=["for_type", "for_id"], name="shift_for_object"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(needed__gte=1), name="shift_needs_someone"),
            models.UniqueConstraint(
                fields=["series", "starts_at"], name="shift_once_per_series_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("vrijwilligers:shift_detail", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def hours(self) -> Decimal:
        seconds = (self.ends_at - self.starts_at).total_seconds()
        return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.01"))


class ShiftHours(models.Model):
    """The hours (and km) a volunteer worked on a shift, confirmed by a coordinator. The
    confirmed allowance counts in the house's one allowance register (huis.core.allowance)."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")

    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="hours_worked")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="hours")
    day = models.DateField(_("day"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2)
    km = models.PositiveIntegerField(_("km by car"), default=0)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REPORTED
    )
    flat_amount = models.DecimalField(
        _("flat-rate allowance (EUR)"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    km_paid = models.PositiveIntegerField(_("km refunded"), default=0)
    km_amount = models.DecimalField(
        _("km allowance (EUR)"), max_digits=8, decimal_places=2, default=Decimal("0")
    )
    capped = models.BooleanField(_("lowered to stay under a cap"), default=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hours worked")
        verbose_name_plural = _("hours worked")
        ordering = ["day", "id"]
        indexes = [models.Index(fields=["volunteer", "status", "day"])]
        constraints = [
            models.UniqueConstraint(fields=["shift", "volunteer"], name="shift_hours_once"),
            models.CheckConstraint(
                condition=models.Q(hours__gt=0, hours__lte=24), name="shift_hours_in_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.day}: {self.hours}"

    @property
    def total(self) -> Decimal:
        return self.flat_amount + self.km_amount


class SwapRequest(models.Model):
    """A volunteer asks someone to take over their place on a shift; the others are told."""

    class Status(models.TextChoices):
        OPEN = "open", _("Looking for someone")
        TAKEN = "taken", _("Taken over")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="swaps")
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="swaps")
    note = models.CharField(_("note"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    taken_by = models.ForeignKey(
        Volunteer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("swap request")
        verbose_name_plural = _("swap requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "volunteer"],
                condition=models.Q(status="open"),
                name="swap_request_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} {self.shift}"
