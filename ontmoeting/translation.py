"""Activities in Dutch, French and English (django-modeltranslation: `title_fr`, ...)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Activity


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "summary", "description")
