"""Rooms of the house and their bookings. The database itself refuses two overlapping bookings.

A room's rules say whether partners may book it for their own meetings (opening hours, how far
ahead, approval or not); a `PartnerBooking` is such a meeting, holding its `RoomBooking` while it
waits for approval and once approved.
"""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Room(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("short name in web addresses"), max_length=60, unique=True)
    floor = models.CharField(_("floor"), max_length=40, blank=True)
    capacity = models.PositiveSmallIntegerField(_("maximum number of people"))
    description = models.TextField(_("description"), blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet nearby"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    is_quiet_room = models.BooleanField(_("quiet room"), default=False)
    is_active = models.BooleanField(_("in use"), default=True)
    # The rules for partners' own meetings, set by staff.
    partner_bookable = models.BooleanField(
        _("partners may book it"), default=False, db_default=False
    )
    opens_at = models.TimeField(_("open from"), default=dt.time(9, 0), db_default=dt.time(9, 0))
    closes_at = models.TimeField(_("open until"), default=dt.time(17, 0), db_default=dt.time(17, 0))
    days_ahead = models.PositiveSmallIntegerField(
        _("how many days ahead partners may book"), default=60, db_default=60
    )
    needs_approval = models.BooleanField(
        _("staff approve each booking"), default=True, db_default=True
    )

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gt=0), name="room_capacity_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="room_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RoomBooking(models.Model):
    """A room taken for a period by an activity, a course session, a meeting, ...

    `holder` is the thing that holds the booking; `label` names it for people ("Schilderatelier").
    """

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="bookings", verbose_name=_("room")
    )
    period = DateTimeRangeField(_("period"))
    label = models.CharField(_("for"), max_length=200)
    holder_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    holder_id = models.PositiveBigIntegerField(null=True, blank=True)
    holder = GenericForeignKey("holder_type", "holder_id")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("room booking")
        verbose_name_plural = _("room bookings")
        ordering = ["period"]
        constraints = [
            ExclusionConstraint(
                name="room_booking_no_overlap",
                expressions=[("room", RangeOperators.EQUAL), ("period", RangeOperators.OVERLAPS)],
                violation_error_message=_("This room is already booked at that time."),
            ),
            models.UniqueConstraint(
                fields=["holder_type", "holder_id"], name="room_booking_one_per_holder"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.room}: {self.label}"

    @property
    def start(self):
        return self.period.lower

    @property
    def end(self):
        return self.period.upper


class PartnerBooking(models.Model):
    """A partner organisation's own meeting in a room of the house, within the room's rules."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REFUSED = "refused", _("refused")
        CANCELLED = "cancelled", _("cancelled")

    room = models.ForeignKey(
        Room, on_delete=models.PROTECT, related_name="partner_bookings", verbose_name=_("room")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="room_bookings",
        verbose_name=_("organisation"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    purpose = models.CharField(_("what for"), max_length=150)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    refusal_reason = models.CharField(_("why not"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("partner's room booking")
        verbose_name_plural = _("partners' room bookings")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="partner_booking_ends_after",
            )
        ]
        indexes = [models.Index(fields=["status", "starts_at"], name="partner_booking_status")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.purpose}"

    def get_absolute_url(self) -> str:
        return reverse("rooms:mine")

    @property
    def holds_room(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.APPROVED)
