"""The original field of translated content is the Dutch one, in every request.

django-modeltranslation reads and writes a translated field (`activity.title`, a lookup on
`title`, `Activity(title=...)`) in the *active* language. In this portal staff work in Dutch,
French or English, and every service writes `obj.title = ...` meaning the Dutch text: a French
speaking coordinator must not overwrite the French translation when they change the Dutch title.
So the original field always means Dutch (`title` == `title_nl`), and pages choose the visitor's
language explicitly with `{% tr obj "title" %}` (huis.core.templatetags.content), which falls back
to Dutch and marks it. One place changes the library's notion of "current language".
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.utils.translation import get_language

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def _default_language() -> str:
    return DEFAULT


def pin_original_fields_to_dutch() -> None:
    from modeltranslation import fields, manager, translator

    for module in (fields, manager, translator):
        module.get_language = _default_language
    manager.MultilingualQuerySet._post_init = _post_init


def _post_init(self) -> None:
    """modeltranslation's own, except that a model's default ordering stays a *default* unless a
    translated field is in it. The library makes every Meta.ordering explicit so it can rewrite
    `title` into `title_nl`; Django adds an explicit ordering to the GROUP BY of
    `.values("month").annotate(...)`, so every aggregate per month of a translated model
    (activities held per month) came out per row instead (`GROUP BY 1, id`)."""
    from modeltranslation.manager import rewrite_order_lookup_key

    self._rewrite = True
    self._populate = None
    ordering = self.model._meta.ordering if self.model else None
    if ordering and self.query.default_ordering and not self.query.order_by:
        rewritten = [rewrite_order_lookup_key(self.model, key) for key in ordering]
        if rewritten != list(ordering):
            self.query.add_ordering(*rewritten)


@dataclass(frozen=True)
class LocalText:
    """A text in the visitor's language, or in the language it falls back to (`lang`)."""

    text: str
    lang: str
    is_fallback: bool

    def __str__(self) -> str:
        return self.text


def local_text(obj, field: str, language: str | None = None) -> LocalText:
    """`obj.<field>` in `language` (the active one): its translation, else the original, marked.

    The original is Dutch, except for content that says otherwise with `content_language` (a
    story keeps its author's language; its translations are optional).
    """
    language = (language or get_language() or DEFAULT).split("-")[0]
    value = getattr(obj, field, "")
    if hasattr(value, "is_fallback"):  # already chosen (the house's facts)
        return value
    original = getattr(obj, "content_language", DEFAULT) or DEFAULT
    if language != original:
        translated = getattr(obj, f"{field}_{language}", None)
        if translated and (language != DEFAULT or original == DEFAULT):
            return LocalText(str(translated), language, False)
    return LocalText(str(value or ""), original, language != original)


# What a staff form hands a service besides the Dutch: {"title_fr": "...", "title_en": ""}.
Translations = Mapping[str, str]
OTHER_LANGUAGES = tuple(code for code in settings.MODELTRANSLATION_LANGUAGES if code != DEFAULT)


def translated_fields(model) -> tuple[str, ...]:
    """The names of `model`'s translated fields (`title`, ...), empty when it has none."""
    from modeltranslation.translator import NotRegistered, translator

    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def translations_apply(obj, translations: Translations) -> list[str]:
    """Write the French and English texts given (an empty one becomes "none yet").

    Only the translation fields of `obj`'s model are accepted; returns the names changed, for
    the audit entry."""
    allowed = {
        f"{name}_{code}" for name in translated_fields(type(obj)) for code in OTHER_LANGUAGES
    }
    changed = []
    for name, value in translations.items():
        if name not in allowed:
            raise ValueError(f"{name} is not a translation of {type(obj).__name__}")
        value = (value or "").strip() or None
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def missing_translations(model, fields: tuple[str, ...] | None = None) -> dict[str, Q]:
    """Per other language, the condition "a translated field that has Dutch lacks this one"."""
    fields = fields or translated_fields(model)
    conditions = {}
    for code in OTHER_LANGUAGES:
        condition = Q()
        for name in fields:
            has_dutch = ~Q(**{f"{name}_{DEFAULT}": ""}) & Q(**{f"{name}_{DEFAULT}__isnull": False})
            lacks = Q(**{f"{name}_{code}__isnull": True}) | Q(**{f"{name}_{code}": ""})
            condition |= has_dutch & lacks
        conditions[code] = condition
    return conditions
