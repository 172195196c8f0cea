"""The translated fields (django-modeltranslation): Dutch is the original, French and English may
be empty (the page then shows the Dutch, marked lang="nl")."""

from modeltranslation.translator import TranslationOptions, register

from .models import NewsItem, PageBlock


@register(PageBlock)
class PageBlockTranslation(TranslationOptions):
    fields = ("body",)


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "body")
