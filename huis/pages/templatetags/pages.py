"""`{% page_block "key" %}the page's own text{% endpage_block %}`: the block staff wrote, in the
visitor's language (or the Dutch, marked lang="nl"), else the text between the tags."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from huis.glossary.templatetags.glossary import explain_terms

from ..selectors import block_text

register = template.Library()


class PageBlockNode(template.Node):
    def __init__(self, key: template.base.FilterExpression, nodelist: template.NodeList) -> None:
        self.key = key
        self.nodelist = nodelist

    def render(self, context) -> str:
        text = block_text(str(self.key.resolve(context)))
        if text is None:
            return self.nodelist.render(context)
        # The house's words in what staff wrote are explained too, once per page (huis.glossary).
        html = explain_terms(context, mark_safe(text.html))  # sanitized when it was saved
        if text.is_fallback:
            return format_html('<div class="page-block" lang="nl">{}</div>', html)
        return format_html('<div class="page-block">{}</div>', html)


@register.tag("page_block")
def page_block(parser, token) -> PageBlockNode:
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% page_block %} takes one key.")
    nodelist = parser.parse(("endpage_block",))
    parser.delete_first_token()
    return PageBlockNode(parser.compile_filter(bits[1]), nodelist)
