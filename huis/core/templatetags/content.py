"""Translated content on a page: `{% tr obj "title" %}` and the note "only in Dutch".

`{% tr obj "title" %}` writes the title in the visitor's language; a missing translation falls
back to Dutch inside `<span lang="nl">`, so screen readers read it as Dutch.
`{% tr_text obj "description" as text %}` gives the `LocalText` instead (`text.text`,
`text.lang`, `text.is_fallback`) for a block element. The base template wraps the page in
`{% content_page %}`: it renders the page first and puts one small note at the top when
something on it fell back to Dutch.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from huis.core.content_language import DEFAULT, LocalText, local_text

register = template.Library()

TRACKER = "_content_fallbacks"


def _record(context, text: LocalText) -> None:
    fallbacks = context.get(TRACKER)
    if fallbacks is not None and text.is_fallback and text.lang == DEFAULT:
        fallbacks.append(text)


@register.simple_tag(takes_context=True)
def tr(context, obj, field: str):
    text = local_text(obj, field)
    _record(context, text)
    if text.is_fallback and text.text:
        return format_html('<span lang="{}">{}</span>', text.lang, text.text)
    return text.text


@register.simple_tag(takes_context=True)
def tr_text(context, obj, field: str) -> LocalText:
    """The same choice as `tr`, as a value: `{% tr_text obj "offer" as offer %}`."""
    text = local_text(obj, field)
    _record(context, text)
    return text


class ContentPageNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        fallbacks: list[LocalText] = []
        with context.push({TRACKER: fallbacks}):
            page = self.nodelist.render(context)
        if not fallbacks:
            return page
        note = format_html(
            '<p class="content-note small border-start border-3 ps-2">{}</p>',
            _("Some parts of this page are only in Dutch."),
        )
        return note + page


@register.tag
def content_page(parser, token):
    """`{% content_page %}...{% endcontent_page %}`: the note comes before, once, if needed."""
    nodelist = parser.parse(("endcontent_page",))
    parser.delete_first_token()
    return ContentPageNode(nodelist)
