"""Texts staff write for the public pages: blocks (the home page's parts, "about the house", each
function's introduction) and short news items, with every saved version kept.

The texts are Markdown in Dutch, French and English (`body_nl`, `body_fr`, `body_en`: the fields
django-modeltranslation adds, see translation.py); `huis.pages.richtext` turns them into sanitised
HTML when they are shown."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PageBlock(models.Model):
    """One block of text on a public page, known by its key ("home-welcome", "intro-ontmoeting").
    Not published (or without Dutch text): the page shows its own text."""

    key = models.SlugField(_("key"), max_length=60, unique=True)
    body = models.TextField(_("text"), blank=True)
    is_published = models.BooleanField(_("published"), default=False, db_default=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("page block")
        verbose_name_plural = _("page blocks")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key


class NewsItem(models.Model):
    """A short news item: shown on the news page (and the latest three on the home page) once
    published."""

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True)
    date = models.DateField(_("date"), default=timezone.localdate)
    is_published = models.BooleanField(_("published"), default=False, db_default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["is_published", "-date"], name="news_published_date")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pages:news_detail", kwargs={"pk": self.pk})


class Revision(models.Model):
    """One saved version of a block or a news item: who saved it, when, and all its texts."""

    block = models.ForeignKey(
        PageBlock, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    news = models.ForeignKey(
        NewsItem, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("saved by"),
    )
    created_at = models.DateTimeField(_("saved"), default=timezone.now)
    # {"title_nl": ..., "body_nl": ..., "body_fr": ...}: the fields of that version.
    texts = models.JSONField(_("texts"), default=dict)

    class Meta:
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(block__isnull=False, news__isnull=True)
                    | Q(block__isnull=True, news__isnull=False)
                ),
                name="revision_of_one_thing",
            )
        ]

    def __str__(self) -> str:
        return f"{self.block or self.news} {self.created_at:%Y-%m-%d %H:%M}"
