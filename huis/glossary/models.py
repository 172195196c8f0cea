"""One word of the house and its short explanation, in Dutch, French and English."""

from django.db import models
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("nl", "fr", "en")


class Word(models.Model):
    """A word visitors may not know. Public pages explain it where it first appears."""

    slug = models.SlugField(_("anchor"), max_length=60, unique=True)
    term_nl = models.CharField(_("word (Dutch)"), max_length=80, unique=True)
    explanation_nl = models.TextField(_("explanation in easy Dutch"))
    # Dutch plurals are not always the word plus -en: "plekken", "lotgenoten".
    forms_nl = models.CharField(
        _("other forms (Dutch)"),
        max_length=200,
        blank=True,
        db_default="",
        help_text=_("Separate them with a comma. For example: lotgenoten."),
    )
    term_fr = models.CharField(_("word (French)"), max_length=80, blank=True, db_default="")
    explanation_fr = models.TextField(_("explanation (French)"), blank=True, db_default="")
    term_en = models.CharField(_("word (English)"), max_length=80, blank=True, db_default="")
    explanation_en = models.TextField(_("explanation (English)"), blank=True, db_default="")
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("word")
        verbose_name_plural = _("words")
        ordering = ["term_nl"]

    def __str__(self) -> str:
        return self.term_nl

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return f"{reverse('glossary:index')}#{self.slug}"
