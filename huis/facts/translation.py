"""The house's texts in Dutch, French and English (django-modeltranslation: `route_nl`, ...)."""

from modeltranslation.translator import TranslationOptions, register

from .models import HouseFacts


@register(HouseFacts)
class HouseFactsTranslation(TranslationOptions):
    fields = ("route", "access", "welcome")
