"""Applications for a programme, their housing history, the agenda and the committee's decisions.

An application holds the minimum the committee needs, in the family's own words where possible.
There are no diagnosis fields on purpose: the programme admits without conditions of treatment,
and the committee decides on the housing situation, not on a label. The household is described in
counts, the housing history as a short timeline.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation

from .programmes import Meeting, Programme


class HousingSituation(models.TextChoices):
    RENTAL = "rental", _("Rented home")
    SOCIAL = "social", _("Social housing")
    FAMILY = "family", _("Staying with family or friends")
    SHELTER = "shelter", _("Shelter or crisis reception")
    CAR = "car", _("Living in a car or caravan")
    STREET = "street", _("On the street")
    TEMPORARY = "temporary", _("Hotel, holiday park or other temporary place")
    INSTITUTION = "institution", _("Hospital, prison or other institution")
    OTHER = "other", _("Other")


class Application(models.Model):
    """A family's application for a programme, prepared with them by a worker of a partner."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being prepared")
        SUBMITTED = "submitted", _("Submitted, waiting for a meeting")
        SCHEDULED = "scheduled", _("On the agenda of a meeting")
        ADMITTED = "admitted", _("Admitted")
        NOT_ADMITTED = "not_admitted", _("Not admitted")
        MORE_INFO = "more_info", _("More information needed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("programme"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="programme_applications",
        verbose_name=_("prepared by organisation"),
    )
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programme_applications",
        verbose_name=_("prepared by"),
    )
    consent = models.ForeignKey(
        "netwerk.Consent",
        on_delete=models.PROTECT,
        related_name="programme_applications",
        verbose_name=_("consent of the family"),
    )
    family_label = models.CharField(
        _("how the committee calls the family"),
        max_length=60,
        help_text=_("A first name or an initial, for example “Family D.”. No full name."),
    )
    in_their_words = models.TextField(
        _("their story, in their own words"),
        help_text=_("What the family wants the committee to know. Write it with them."),
    )
    what_they_ask = models.TextField(_("what the family asks"))
    strengths = models.TextField(_("what goes well, their strengths"), blank=True)
    adults = models.PositiveSmallIntegerField(_("adults"), default=1)
    children = models.PositiveSmallIntegerField(_("children living with them"), default=0)
    children_elsewhere = models.PositiveSmallIntegerField(
        _("children who do not live with them now"), default=0
    )
    current_situation = models.CharField(
        _("where they live now"), max_length=16, choices=HousingSituation.choices
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="traj_app_org"),
            models.Index(fields=["programme", "status"], name="traj_app_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(adults__gte=1), name="traj_app_at_least_one_adult"
            ),
            models.CheckConstraint(
                condition=models.Q(adults__lte=20, children__lte=30, children_elsewhere__lte=30),
                name="traj_app_household_counts_sane",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.family_label} – {self.programme}"

    def get_absolute_url(self) -> str:
        return reverse("trajecten:application_detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.MORE_INFO}

    @property
    def is_decided(self) -> bool:
        return self.status in {self.Status.ADMITTED, self.Status.NOT_ADMITTED}


class HousingStep(models.Model):
    """One step of the family's housing history: where they lived, from when, until when."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="housing_steps",
        verbose_name=_("application"),
    )
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    situation = models.CharField(_("where"), max_length=16, choices=HousingSituation.choices)
    note = models.CharField(_("in a few words"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("step in the housing history")
        verbose_name_plural = _("housing history")
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="traj_step_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_situation_display()} ({self.started_on:%m/%Y})"


class AgendaItem(models.Model):
    """An application on the agenda of a meeting; it gets at most one decision there."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("meeting")
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="agenda_items",
        verbose_name=_("application"),
    )
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "application"], name="traj_agenda_once_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.application.family_label}"

    @property
    def decided(self) -> bool:
        """Whether this item has its decision (no query when `decision` was select_related)."""
        return hasattr(self, "decision")


class Decision(models.Model):
    """The committee's decision on one agenda item, with its reasons. Never changed afterwards."""

    class Outcome(models.TextChoices):
        ADMITTED = "admitted", _("Admitted")
        NOT_ADMITTED = "not_admitted", _("Not admitted")
        MORE_INFO = "more_info", _("More information needed")

    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.PROTECT, related_name="decision", verbose_name=_("agenda item")
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("application"),
    )
    outcome = models.CharField(_("decision"), max_length=16, choices=Outcome.choices)
    reasons = models.TextField(_("reasons"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["decided_at", "pk"]
        constraints = [
            # An application is admitted or refused once; "more information" may come before.
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(outcome__in=["admitted", "not_admitted"]),
                name="traj_decision_final_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.family_label}: {self.get_outcome_display()}"
