"""The needs list in Dutch, French and English (django-modeltranslation).

Neighbourhoods are proper names and stay as they are.
"""

from modeltranslation.translator import TranslationOptions, register

from .models import Need


@register(Need)
class NeedTranslation(TranslationOptions):
    fields = ("name",)
