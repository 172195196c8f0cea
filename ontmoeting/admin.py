from django.contrib import admin

from .models import Activity, Series, WalkInTally


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "room", "category", "status"]
    list_filter = ["status", "category"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    # Changes that book rooms or move places go through the staff pages (services).
    readonly_fields = ["starts_at", "ends_at", "room", "status", "series", "offering"]


admin.site.register(Series)
admin.site.register(WalkInTally)
