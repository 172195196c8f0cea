"""Admin for beeldvorming. Consent records can be read, never changed or added by hand."""

from django.contrib import admin

from .models import Campaign, CampaignAction, CampaignMaterial, ConsentRecord, Testimony


class ActionInline(admin.TabularInline):
    model = CampaignAction
    extra = 0
    autocomplete_fields = ["experts"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on"]
    search_fields = ["name"]
    inlines = [ActionInline]


@admin.register(CampaignMaterial)
class CampaignMaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "campaign", "file_kind", "size", "uploaded_at"]
    # The file is uploaded through the portal's form, where its content is checked.
    readonly_fields = ["file", "file_kind", "original_name", "size", "uploaded_by", "uploaded_at"]

    def has_add_permission(self, request):
        return False


class ConsentInline(admin.TabularInline):
    model = ConsentRecord
    extra = 0
    can_delete = False
    readonly_fields = [
        "person",
        "action",
        "purpose",
        "attribution",
        "shown_name",
        "text_version",
        "created_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Testimony)
class TestimonyAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at", "created_at"]
    list_filter = ["status"]
    # Status and consent change only through the services, which keep the consent rows.
    readonly_fields = ["author", "status", "consent", "published_at", "reviewed_by"]
    inlines = [ConsentInline]

    def has_add_permission(self, request):
        return False
