"""Administrators keep the managed lists (neighbourhoods, needs) up to date here."""

from django.contrib import admin

from .models import Need, Neighbourhood


@admin.register(Neighbourhood, Need)
class ManagedListAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name"]
