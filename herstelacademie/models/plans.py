"""Mijn leertraject: the learning plan, its goals and notes, and the learning companion."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LearningPlan(models.Model):
    """ "Mijn leertraject": one per student. Only the student reads it, except what they share
    with the learning companion they chose."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="herstel_learning_plan",
        verbose_name=_("student"),
    )
    companion = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="herstel_companion_of",
        verbose_name=_("learning companion"),
    )
    share_courses = models.BooleanField(
        _("my companion may see my courses and attendance"), default=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("learning plan")
        verbose_name_plural = _("learning plans")

    def __str__(self) -> str:
        return str(self.user)


class LearningEntry(models.Model):
    class Kind(models.TextChoices):
        GOAL = "goal", _("Learning goal")
        NOTE = "note", _("Note")

    plan = models.ForeignKey(LearningPlan, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.GOAL)
    text = models.TextField(_("text"), max_length=2000)
    is_shared = models.BooleanField(_("share with my learning companion"), default=False)
    is_done = models.BooleanField(_("reached"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("learning goal or note")
        verbose_name_plural = _("learning goals and notes")
        ordering = ["kind", "-created_at", "-id"]

    def __str__(self) -> str:
        return self.text[:40]
