"""Welcoming places in Dutch, French and English (django-modeltranslation).

A place's name is its own; what it offers, when and how accessible it is are translated.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import WelcomingPlace


@register(WelcomingPlace)
class WelcomingPlaceTranslation(TranslationOptions):
    fields = ("offer", "when", "accessibility")
