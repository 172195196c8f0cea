from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Room, RoomBooking


@admin.register(Room)
class RoomAdmin(TranslationAdmin):
    list_display = ["name", "floor", "capacity", "step_free", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(RoomBooking)
class RoomBookingAdmin(admin.ModelAdmin):
    list_display = ["room", "label", "period"]
    list_filter = ["room"]
    readonly_fields = ["holder_type", "holder_id"]
