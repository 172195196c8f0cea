"""Campaigns and stories in Dutch, French and English (django-modeltranslation).

A story keeps its author's language: the original fields hold the author's own words, in the
language the story records (`Testimony.language`); translations are optional.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Campaign, Testimony


@register(Campaign)
class CampaignTranslation(TranslationOptions):
    fields = ("name", "goals")


@register(Testimony)
class TestimonyTranslation(TranslationOptions):
    fields = ("title", "body")
