"""Which content lacks its French or English: counts per kind of content, for the staff page.

Every model registered with django-modeltranslation is a kind; an item lacks a language when a
translated field has Dutch and not that language. Two queries per kind (the counts, and the first
items to fix), whatever the number of items.
"""

from dataclasses import dataclass

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse

from .content_language import OTHER_LANGUAGES, missing_translations
from .registry import translation_editor_for

SHOWN = 20  # items listed per kind; the counts cover all


@dataclass(frozen=True)
class MissingItem:
    label: str
    url: str
    languages: tuple[str, ...]


@dataclass(frozen=True)
class MissingKind:
    model: str  # "ontmoeting.Activity"
    name: str
    total: int
    missing: dict[str, int]  # {"fr": 3, "en": 5}
    items: list[MissingItem]

    @property
    def complete(self) -> bool:
        return not any(self.missing.values())


def _edit_url(model, pk: int) -> str:
    label = model._meta.label
    editor = translation_editor_for(label)
    try:
        if editor is not None:
            try:
                return reverse(editor.url_name, kwargs={"pk": pk})
            except NoReverseMatch:
                return reverse(editor.url_name)
        if admin.site.is_registered(model):
            opts = model._meta
            return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[pk])
    except NoReverseMatch:
        pass
    return ""


def missing_translations_overview() -> list[MissingKind]:
    from modeltranslation.translator import translator

    kinds = []
    models = sorted(translator.get_registered_models(), key=lambda m: m._meta.label)
    for model in models:
        if model._meta.abstract or model._meta.proxy:
            continue
        conditions = missing_translations(model)
        counts = model._default_manager.aggregate(
            total=Count("pk"),
            **{code: Count("pk", filter=conditions[code]) for code in OTHER_LANGUAGES},
        )
        lacking = Q()
        for code in OTHER_LANGUAGES:
            lacking |= conditions[code]
        annotations = {
            f"lacks_{code}": Count("pk", filter=conditions[code]) for code in OTHER_LANGUAGES
        }
        rows = (
            model._default_manager.filter(lacking).annotate(**annotations).order_by("-pk")[:SHOWN]
        )
        items = [
            MissingItem(
                label=str(row),
                url=_edit_url(model, row.pk),
                languages=tuple(c for c in OTHER_LANGUAGES if getattr(row, f"lacks_{c}")),
            )
            for row in rows
        ]
        kinds.append(
            MissingKind(
                model=model._meta.label,
                name=str(model._meta.verbose_name_plural),
                total=counts["total"],
                missing={code: counts[code] for code in OTHER_LANGUAGES},
                items=items,
            )
        )
    return kinds
