from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import RetentionPolicy


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(admin.ModelAdmin):
    """Administrators change how long records are kept; the rules themselves come from code."""

    list_display = ["key", "label", "days", "last_applied_at", "last_count"]
    fields = ["key", "label", "days", "last_applied_at", "last_count", "updated_at"]
    readonly_fields = ["key", "label", "last_applied_at", "last_count", "updated_at"]

    @admin.display(description=_("what"))
    def label(self, obj: RetentionPolicy) -> str:
        return str(obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
