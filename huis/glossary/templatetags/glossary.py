"""Explain the house's words where they first appear on a page.

    {% load glossary %}
    {% term "kwartiermaken" %}                     the word, explained (once per page)
    {% term "ervaringsdeskundige" "Ervaringsdeskundigen" %}   another form of the word shown
    {% explain_terms activity.description %}        a text, its glossary words explained

The first time a word appears on a page it becomes `<dfn>` with a link to its entry on the
glossary page and its short explanation as the link's title: it works without JavaScript and a
screen reader follows the link. After that, the word is plain text. "Once per page" is kept in
the root of the render context, which every included and extended template of one page shares.
"""

import re

from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, SafeString, mark_safe
from django.utils.translation import get_language

from ..selectors import Entry, glossary

register = template.Library()
SEEN = "glossary_explained"
TAG = re.compile(r"(<[^>]*>)")
# Inside these, a word is not explained: a link's text, a heading already made a <dfn>, code.
NO_EXPLAIN = {"a", "dfn", "button", "code", "pre", "script", "style"}


def _seen(context: template.Context) -> set[str]:
    return context.render_context.dicts[0].setdefault(SEEN, set())


def explained(entry: Entry, shown: str) -> SafeString:
    language = get_language()
    return format_html(
        '<dfn class="term"{}><a href="{}#{}" title="{}">{}</a></dfn>',
        mark_safe(' lang="nl"') if entry.is_fallback(language) and language != "nl" else "",
        reverse("glossary:index"),
        entry.slug,
        entry.explanation(language),
        shown,
    )


@register.simple_tag(takes_context=True)
def term(context: template.Context, slug: str, shown: str = "") -> SafeString:
    entry = glossary().by_slug(slug)
    shown = shown or (entry.term() if entry else slug)
    seen = _seen(context)
    if entry is None or slug in seen:
        return conditional_escape(shown)
    seen.add(slug)
    return explained(entry, shown)


@register.simple_tag(takes_context=True)
def explain_terms(context: template.Context, text: str) -> SafeString:
    """The text escaped, with the first appearance on the page of each word explained.

    Safe HTML (a rich-text block) keeps its markup: only its text is searched, never a tag, an
    attribute, or the text of a link (a link inside a link is not allowed)."""
    words = glossary()
    seen = _seen(context)
    if isinstance(text, SafeData):
        parts, inside = [], 0
        for piece in TAG.split(str(text)):
            if TAG.fullmatch(piece):
                name = piece.lstrip("</").split(None, 1)[0].rstrip(">/").lower() if piece else ""
                if name in NO_EXPLAIN:
                    inside += -1 if piece.startswith("</") else 1
                parts.append(piece)
            elif inside > 0:
                parts.append(piece)
            else:
                parts.append(_explain(piece, words, seen, escape=False))
        return mark_safe("".join(parts))
    return mark_safe(_explain(str(text or ""), words, seen, escape=True))


def _explain(text: str, words, seen: set[str], *, escape: bool) -> str:
    keep = conditional_escape if escape else str
    parts: list[str] = []
    position = 0
    for match, slug in words.find(text):
        if slug in seen:
            continue
        seen.add(slug)
        parts.append(keep(text[position : match.start()]))
        parts.append(explained(words.by_slug(slug), match.group(0)))
        position = match.end()
    parts.append(keep(text[position:]))
    return "".join(parts)
