"""Residents heard in a policy recommendation: how they were consulted (a meeting, a survey with
its counts, conversations) and their own words, quoted only with their consent.

Imported by kwartiermaken.models, so Django finds them; a quote is removed (not hidden) when
the resident takes their consent back."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsultationKind(models.TextChoices):
    MEETING = "meeting", _("A residents' meeting")
    SURVEY = "survey", _("A survey")
    CONVERSATIONS = "conversations", _("Conversations at the door or in the street")
    OTHER = "other", _("Another way")


class ResidentConsultation(models.Model):
    recommendation = models.ForeignKey(
        "kwartiermaken.PolicyRecommendation",
        on_delete=models.CASCADE,
        related_name="consultations",
        verbose_name=_("policy recommendation"),
    )
    kind = models.CharField(_("how"), max_length=16, choices=ConsultationKind.choices)
    held_on = models.DateField(_("when"), default=timezone.localdate)
    people = models.PositiveIntegerField(_("residents taking part"))
    responses = models.PositiveIntegerField(_("answers to the survey"), null=True, blank=True)
    summary = models.TextField(_("what residents said, in short"), blank=True, max_length=2000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("consultation of residents")
        verbose_name_plural = _("consultations of residents")
        ordering = ["held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(responses__isnull=True)
                | models.Q(responses__lte=models.F("people")),
                name="kw_consultation_responses_le_people",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d/%m/%Y}"


class ResidentQuote(models.Model):
    recommendation = models.ForeignKey(
        "kwartiermaken.PolicyRecommendation",
        on_delete=models.CASCADE,
        related_name="quotes",
        verbose_name=_("policy recommendation"),
    )
    text = models.TextField(_("in their own words"), max_length=600)
    who = models.CharField(
        _("who says it"),
        max_length=80,
        blank=True,
        help_text=_("Without a name, for example: a resident of the Stationswijk."),
    )
    consent_given = models.BooleanField(_("consent to quote"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("quote of a resident")
        verbose_name_plural = _("quotes of residents")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(consent_given=True), name="kw_quote_only_with_consent"
            )
        ]

    def __str__(self) -> str:
        return self.text[:40]
