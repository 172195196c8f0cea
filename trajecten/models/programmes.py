"""Programmes and their inclusion committee: members (partner representatives) and meetings."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation


class Programme(models.Model):
    """A programme of the network with its own admission criteria (e.g. Housing First families)."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in web addresses"), max_length=80, unique=True)
    description = models.TextField(_("what the programme offers"), blank=True)
    criteria = models.TextField(
        _("criteria"), help_text=_("Who the programme is for, in plain words.")
    )
    is_active = models.BooleanField(_("takes applications"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="trajecten_programme_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("trajecten:programme_detail", kwargs={"slug": self.slug})


class Committee(models.Model):
    """The inclusion committee of a programme: partners who decide together on admission."""

    programme = models.OneToOneField(
        Programme, on_delete=models.CASCADE, related_name="committee", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("inclusion committee")
        verbose_name_plural = _("inclusion committees")

    def __str__(self) -> str:
        return self.name


class CommitteeMember(models.Model):
    """A person who sits in the committee for a partner organisation they work for."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="members", verbose_name=_("committee")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="committee_seats",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="committee_seats",
        verbose_name=_("represents"),
    )
    started_on = models.DateField(_("since"), default=timezone.localdate)
    ended_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["organisation__name", "user__display_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "user"], name="trajecten_member_once_per_committee"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation})"


class Meeting(models.Model):
    """A meeting of the committee with an agenda of applications. Who sits in it sees them."""

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("committee")
    )
    starts_at = models.DateTimeField(_("date and time"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    # A room of the house, booked through huis.rooms for starts_at..ends_at.
    room = models.ForeignKey(
        "rooms.Room",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("room"),
    )
    members = models.ManyToManyField(
        CommitteeMember, related_name="meetings", blank=True, verbose_name=_("who sits in")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["committee", "-starts_at"], name="traj_meeting_date")]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.committee} – {local:%d/%m/%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("trajecten:meeting_detail", kwargs={"pk": self.pk})
