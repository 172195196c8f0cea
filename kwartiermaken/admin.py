"""Administrators keep the managed lists (neighbourhoods, needs) up to date here."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Need, Neighbourhood


@admin.register(Neighbourhood)
class ManagedListAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]


@admin.register(Need)
class NeedAdmin(ManagedListAdmin, TranslationAdmin):
    """Needs have a name in Dutch, French and English; neighbourhoods are proper names."""
