"""The glossary as one small cached value, and the pattern that finds its words in a text.

Public pages ask for it on every view, so it costs one cache read; it lives under the "house"
scope that every cached page carries (huis.core.pagecache), so a changed explanation shows on
the very next view of every page.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import get_language

from huis.core.versioned_cache import Cached

from .models import LANGUAGES, Word

SCOPE = "house"
GLOSSARY = Cached(
    name="glossary", scopes=(SCOPE,), timeout=60 * 60, code=("huis.glossary.selectors",)
)
# A word also counts in its usual Dutch forms: "ervaringsdeskundigen", "lotgenoten" is its own row.
ENDINGS = r"(?:en|s|e|n)?"


@dataclass(frozen=True)
class Entry:
    slug: str
    terms: dict[str, str]
    explanations: dict[str, str]
    forms: tuple[str, ...] = ()  # other Dutch forms of the word

    def term(self, language: str | None = None) -> str:
        language = _short(language)
        return self.terms.get(language) or self.terms["nl"]

    def explanation(self, language: str | None = None) -> str:
        language = _short(language)
        return self.explanations.get(language) or self.explanations["nl"]

    def is_fallback(self, language: str | None = None) -> bool:
        language = _short(language)
        return not (self.terms.get(language) and self.explanations.get(language))


def _short(language: str | None) -> str:
    return (language or get_language() or "nl").split("-")[0]


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...] = ()

    def by_slug(self, slug: str) -> Entry | None:
        return next((e for e in self.entries if e.slug == slug), None)

    @cached_property
    def _patterns(self) -> dict[str, tuple[re.Pattern, list[str]]]:
        return {}

    def pattern(self, language: str | None = None) -> tuple[re.Pattern, list[str]] | None:
        """One regular expression for every word in this language (longest first), and the
        slug each of its groups stands for."""
        language = _short(language)
        if not self.entries:
            return None
        if language not in self._patterns:
            words = sorted(
                (
                    (word, e.slug)
                    for e in self.entries
                    for word in (e.term(language), *(e.forms if language == "nl" else ()))
                ),
                key=lambda w: -len(w[0]),
            )
            alternatives = "|".join(
                f"(?P<t{i}>{re.escape(word)}{ENDINGS})" for i, (word, _slug) in enumerate(words)
            )
            self._patterns[language] = (
                re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE),
                [slug for _word, slug in words],
            )
        return self._patterns[language]

    def find(self, text: str, language: str | None = None) -> Iterator[tuple[re.Match, str]]:
        """(match, slug) for every glossary word in `text`, in order."""
        found = self.pattern(language)
        if found is None:
            return
        compiled, slugs = found
        for match in compiled.finditer(text):
            yield match, slugs[int(match.lastgroup[1:])]


def _compute() -> Glossary:
    return Glossary(
        tuple(
            Entry(
                slug=t.slug,
                terms={lang: getattr(t, f"term_{lang}") for lang in LANGUAGES},
                explanations={lang: getattr(t, f"explanation_{lang}") for lang in LANGUAGES},
                forms=tuple(f.strip() for f in t.forms_nl.split(",") if f.strip()),
            )
            for t in Word.objects.all()
        )
    )


def glossary() -> Glossary:
    return GLOSSARY.get_or_set(compute=_compute)


def words_to_edit() -> list[Word]:
    return list(Word.objects.all())


def word_to_edit(pk: int) -> Word:
    """One word for the coordinators' page; `Word.DoesNotExist` when it is not there."""
    return Word.objects.get(pk=pk)
