"""The original field of translated content is the Dutch one, in every request.

django-modeltranslation reads and writes a translated field (`activity.title`, a lookup on
`title`, `Activity(title=...)`) in the *active* language. In this portal staff work in Dutch,
French or English, and every service writes `obj.title = ...` meaning the Dutch text: a French
speaking coordinator must not overwrite the French translation when they change the Dutch title.
So the original field always means Dutch (`title` == `title_nl`), and pages choose the visitor's
language explicitly with `{% tr obj "title" %}` (huis.core.templatetags.content), which falls back
to Dutch and marks it. One place changes the library's notion of "current language".
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def _default_language() -> str:
    return DEFAULT


def pin_original_fields_to_dutch() -> None:
    from modeltranslation import fields, manager, translator

    for module in (fields, manager, translator):
        module.get_language = _default_language


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
