"""Rooms of the house and their bookings. The database itself refuses two overlapping bookings."""

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeOperators
from django.db import models
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

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(capacity__gt=0), name="room_capacity_positive"
            )
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
