"""Partners learn together: intervision and working groups for partner workers (and experts by
experience), with sessions. Places through huis.places, rooms through huis.rooms.

A group and everything in it (sessions, agendas, minutes) is seen only by its members, its own
coordinator and the house's coordinators; nobody else learns it exists (404).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from huis.places.models import PlaceOffering


class LearningGroup(models.Model):
    class Kind(models.TextChoices):
        INTERVISION = "intervision", _("Intervision")
        WORKING_GROUP = "working_group", _("Working group")

    name = models.CharField(_("name"), max_length=150)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("coordinator of the group"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="learning_groups",
        verbose_name=_("members"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("learning group")
        verbose_name_plural = _("learning groups")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("netwerk:group_detail", kwargs={"pk": self.pk})


class LearningSession(models.Model):
    group = models.ForeignKey(
        LearningGroup, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("group")
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        "rooms.Room",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("room"),
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    offering = models.OneToOneField(
        PlaceOffering, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("short minutes"), blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("group session")
        verbose_name_plural = _("group sessions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="netwerk_learning_session_ends_after",
            )
        ]

    def __str__(self) -> str:
        return self.group.name

    def get_absolute_url(self) -> str:
        return reverse("netwerk:session_detail", kwargs={"pk": self.pk})

    @property
    def is_past(self) -> bool:
        from django.utils import timezone

        return self.starts_at <= timezone.now()

    @property
    def place_name(self) -> str:
        return self.room.name if self.room_id else self.place
