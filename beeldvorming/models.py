"""Campaigns against stigma, their actions and materials, and the testimonies people share.

Consent for a testimony lives in `ConsentRecord`: one immutable row per decision (given or
withdrawn). A testimony points at its latest record; the public pages show a story only while it is
published and that record says "given".
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    PUPILS = "pupils", _("Pupils and students")
    TEACHERS = "teachers", _("Teachers and school staff")
    WORKPLACE = "workplace", _("Employers and employees")
    CARE = "care", _("Care and welfare workers")
    PUBLIC = "public", _("General public")
    MEDIA = "media", _("Journalists and media")
    POLICY = "policy", _("Policy makers")
    OTHER = "other", _("Other")


class Campaign(models.Model):
    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    goals = models.TextField(_("goals"), help_text=_("What do you want to change? For whom?"))
    target_audiences = models.JSONField(
        _("target audiences"), default=list, blank=True, help_text=_("Who do you want to reach?")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("beeldvorming:campaign_detail", kwargs={"pk": self.pk})

    @property
    def target_audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels.get(value, value)) for value in self.target_audiences]


class CampaignAction(models.Model):
    """One thing done in a campaign: a talk, a stand, an article.

    Experts by experience are linked as users with the expert role for now. When the
    ervaringsdeskundigen app has its `Assignment`, an action will point at those assignments
    (a nullable foreign key added then), so the expert's work and allowance are counted once.
    """

    class Kind(models.TextChoices):
        SCHOOL_TALK = "school_talk", _("Talk at a school")
        COMPANY_TALK = "company_talk", _("Talk at a company")
        STAND = "stand", _("Stand")
        MEDIA = "media", _("Media")
        ONLINE = "online", _("Online")
        EVENT = "event", _("Event")

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="actions", verbose_name=_("campaign")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices)
    people_reached = models.PositiveIntegerField(
        _("people reached"), help_text=_("About how many people did you reach?")
    )
    experts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="beeldvorming_actions",
        verbose_name=_("experts by experience"),
    )
    notes = models.TextField(_("notes"), blank=True)
    follow_up = models.TextField(
        _("follow-up"), blank=True, help_text=_("What still needs to happen?")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["date", "pk"]
        indexes = [models.Index(fields=["date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.date:%d/%m/%Y}"


def _material_path(instance: "CampaignMaterial", filename: str) -> str:
    # A random name: never reachable by guessing. The original name stays in the row.
    return f"beeldvorming/materials/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class CampaignMaterial(models.Model):
    """A poster, slides or leaflet. Served only through a permission-checked view."""

    class FileKind(models.TextChoices):
        PDF = "pdf", "PDF"
        PNG = "png", "PNG"
        JPEG = "jpeg", "JPEG"
        PPTX = "pptx", "PowerPoint"
        PPT = "ppt", "PowerPoint (97-2003)"
        ODP = "odp", "OpenDocument"

    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="materials", verbose_name=_("campaign")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_material_path, max_length=200)
    file_kind = models.CharField(_("kind of file"), max_length=8, choices=FileKind.choices)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("beeldvorming:material_download", kwargs={"pk": self.pk})


class Attribution(models.TextChoices):
    NAME = "name", _("With my name")
    FIRST_NAME = "first_name", _("With my first name only")
    ANONYMOUS = "anonymous", _("Anonymously, without any name")


class Testimony(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        NOT_PUBLISHED = "not_published", _("Not published")
        WITHDRAWN = "withdrawn", _("Consent withdrawn")

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="testimonies",
        verbose_name=_("written by"),
    )
    title = models.CharField(_("title"), max_length=160)
    body = models.TextField(_("your story"))
    # The author's language: the story's own words are in it; translations are optional.
    language = models.CharField(
        _("language of the story"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="nl",
        db_default="nl",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    consent = models.ForeignKey(
        "ConsentRecord",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("latest consent"),
    )
    review_note = models.TextField(_("note from the house"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("testimony")
        verbose_name_plural = _("testimonies")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(published_at__isnull=False),
                name="testimony_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("verhalen:detail", kwargs={"pk": self.pk})

    @property
    def content_language(self) -> str:
        """The language of the original fields (`{% tr %}` falls back to it, marked)."""
        return self.language

    @property
    def has_consent(self) -> bool:
        return self.consent is not None and self.consent.action == ConsentRecord.Action.GIVEN

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.has_consent

    @property
    def shown_name(self) -> str:
        """The name the author agreed to show; empty for anonymous stories."""
        if not self.has_consent:
            return ""
        return self.consent.shown_name


class ConsentRecord(models.Model):
    """One decision about a testimony. Never changed: a database trigger refuses updates."""

    class Action(models.TextChoices):
        GIVEN = "given", _("Consent given")
        WITHDRAWN = "withdrawn", _("Consent withdrawn")

    class Purpose(models.TextChoices):
        WEBSITE = "website", _("Publish on the website of the house")

    testimony = models.ForeignKey(
        Testimony,
        on_delete=models.CASCADE,
        related_name="consent_records",
        verbose_name=_("testimony"),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("who"),
    )
    action = models.CharField(_("what"), max_length=16, choices=Action.choices)
    purpose = models.CharField(_("for what"), max_length=16, choices=Purpose.choices)
    attribution = models.CharField(
        _("name shown"), max_length=16, choices=Attribution.choices, blank=True
    )
    shown_name = models.CharField(_("name to show"), max_length=120, blank=True)
    text_version = models.CharField(_("version of the consent text"), max_length=20)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        ordering = ["created_at", "pk"]
        constraints = [
            # An anonymous story carries no name at all, not even a stored one.
            models.CheckConstraint(
                condition=~models.Q(attribution="anonymous") | models.Q(shown_name=""),
                name="consent_anonymous_has_no_name",
            ),
            models.CheckConstraint(
                condition=models.Q(action="withdrawn", attribution="", shown_name="")
                | models.Q(action="given", attribution="anonymous")
                | (
                    models.Q(action="given", attribution__in=["name", "first_name"])
                    & ~models.Q(shown_name="")
                ),
                name="consent_fields_match_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} – {self.testimony_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Consent records are never changed; add a new one.")
        super().save(*args, **kwargs)
