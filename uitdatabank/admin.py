from django.contrib import admin

from .models import CategoryMapping, Change, FacilityMapping, Publication, Venue


@admin.register(CategoryMapping)
class CategoryMappingAdmin(admin.ModelAdmin):
    list_display = ["key", "label", "eventtype_id", "eventtype_label", "theme_id"]


@admin.register(FacilityMapping)
class FacilityMappingAdmin(admin.ModelAdmin):
    list_display = ["field", "term_id", "term_label"]


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["key", "place_id", "name"]


class ChangeInline(admin.TabularInline):
    model = Change
    extra = 0
    readonly_fields = ["kind", "status", "due_at", "attempts", "sent_at", "error", "requests"]
    fields = readonly_fields


@admin.register(Publication)
class PublicationAdmin(admin.ModelAdmin):
    list_display = ["source", "object_id", "wanted", "event_id", "sent_status", "last_sent_at"]
    list_filter = ["source", "wanted", "sent_status"]
    inlines = [ChangeInline]
