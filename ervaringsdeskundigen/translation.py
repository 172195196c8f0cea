"""The managed lists in Dutch, French and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Language, Region, Theme, WorkKind


@register([Theme, WorkKind, Language])
class ListItemTranslation(TranslationOptions):
    fields = ("name",)


@register(Region)
class RegionTranslation(TranslationOptions):
    # Only where the name differs: Brussel / Bruxelles / Brussels, Gent / Gand / Ghent.
    fields = ("name",)
