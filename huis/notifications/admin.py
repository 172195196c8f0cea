"""The outbox in Django's admin, read-only: rows change only through the services."""

from django.contrib import admin

from .models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["key", "kind", "channel", "language", "status", "due_at", "attempts", "sent_at"]
    list_filter = ["status", "channel", "kind", "language"]
    search_fields = ["key", "email", "phone"]
    date_hierarchy = "due_at"
    raw_id_fields = ["recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "by_email", "by_sms"]
    raw_id_fields = ["user"]
