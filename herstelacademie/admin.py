"""Django admin for the Recovery College: for looking things up. Changes go through the staff
pages, whose services keep places, room bookings and reminders right."""

from django.contrib import admin

from .models import Course, CourseSession, CourseTrainer, Term, Theme


class TrainerInline(admin.TabularInline):
    model = CourseTrainer
    extra = 0
    readonly_fields = ["user", "role"]
    can_delete = False


class SessionInline(admin.TabularInline):
    model = CourseSession
    extra = 0
    readonly_fields = ["starts_at", "ends_at", "room", "location", "topic"]
    can_delete = False


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "starts_on", "ends_on", "enrolment_opens_at", "enrolment_closes_at"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "term", "format", "status", "max_students", "first_session_at"]
    list_filter = ["term", "status", "format"]
    search_fields = ["title"]
    readonly_fields = [
        "term",
        "title",
        "slug",
        "status",
        "max_students",
        "requires_intake",
        "first_session_at",
        "last_session_ends_at",
    ]
    fields = [*readonly_fields, "summary", "learning_goals", "accessibility_notes"]
    inlines = [TrainerInline, SessionInline]
