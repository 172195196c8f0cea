"""Rooms in Dutch, French and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Room


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("name", "description")
