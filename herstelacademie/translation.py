"""Courses, terms and themes in Dutch, French and English (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Course, Term, Theme


@register(Course)
class CourseTranslation(TranslationOptions):
    fields = ("title", "summary", "learning_goals")


@register(Term)
class TermTranslation(TranslationOptions):
    fields = ("name", "introduction")


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)
