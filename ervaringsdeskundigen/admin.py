"""Administrators keep the managed lists and the allowance figures here."""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import (
    AllowanceRate,
    AllowanceYear,
    Expert,
    KmRate,
    Language,
    Region,
    Theme,
    WorkKind,
)


@admin.register(Theme, Language)
class ListItemAdmin(TranslationAdmin):
    """The name in Dutch, French and English (`name_nl`, `name_fr`, `name_en`)."""

    list_display = ["name", "slug", "order", "is_active"]
    list_editable = ["order", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(WorkKind)
class WorkKindAdmin(ListItemAdmin):
    list_display = [*ListItemAdmin.list_display, "higher_cap"]


@admin.register(AllowanceRate)
class AllowanceRateAdmin(admin.ModelAdmin):
    list_display = [
        "year",
        "daily_cap",
        "yearly_cap",
        "higher_yearly_cap",
        "km_yearly_max",
    ]


@admin.register(KmRate)
class KmRateAdmin(admin.ModelAdmin):
    list_display = ["valid_from", "valid_until", "rate", "source"]


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    """Approximate town centres: enough for "about N km", never an address."""

    list_display = ["name", "province", "latitude", "longitude", "is_active"]
    list_filter = ["province", "is_active"]
    search_fields = ["name"]


@admin.register(AllowanceYear)
class AllowanceYearAdmin(admin.ModelAdmin):
    list_display = ["expert", "year", "mode", "received_elsewhere"]
    list_select_related = ["expert__user"]


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["__str__", "home_region", "max_per_month", "is_paused"]
    list_select_related = ["user"]
    filter_horizontal = ["themes", "excluded_themes", "work_kinds", "languages"]
    raw_id_fields = ["user"]
    autocomplete_fields = ["home_region"]
