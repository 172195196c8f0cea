"""Administrators set up programmes and their committee (members per partner) here."""

from django.contrib import admin

from .models import Committee, CommitteeMember, Programme


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 1
    autocomplete_fields = ["user", "organisation"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "is_active"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "programme"]
    inlines = [CommitteeMemberInline]
