from django.contrib import admin

from .models import PlaceClaim, PlaceOffering


class PlaceClaimInline(admin.TabularInline):
    model = PlaceClaim
    extra = 0
    fields = ["name", "email", "phone", "places", "status", "rank", "attendance"]
    readonly_fields = fields
    can_delete = False


@admin.register(PlaceOffering)
class PlaceOfferingAdmin(admin.ModelAdmin):
    list_display = ["__str__", "capacity", "taken", "waitlist_mode", "is_open"]
    readonly_fields = ["holder_type", "holder_id", "taken"]
    inlines = [PlaceClaimInline]
