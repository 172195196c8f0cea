"""`{% kept_part "name" value ... %}...{% endkept_part %}`: a part of every page (the header with
its menus, the footer) drawn once per process for each combination of the values named, and of
the language, then reused.

The header and footer were two fifths of a logged-in page's work (issue #30): some forty
translated texts, thirty addresses and two language forms, the same for everyone who sees the same
menu. What a part shows must depend only on the values named in the tag (what decides which menu
links a person sees, the house's name and address), the active language and what does not change
while a process runs (settings, the URL patterns, the translation catalogs, the static files);
tests/core/test_kept_parts.py checks the portal's parts name every permission their menus ask.

Two things differ per request and are filled in at every showing: the CSRF token of the part's
forms (`{% csrf_token %}` writes a mark while the part is drawn) and the address of the page
itself (`{{ here }}` inside the part, escaped). A part is drawn as it is, never kept, when there is
no request or no CSRF token to fill in (a template rendered outside a request).
"""

from collections import OrderedDict
from threading import Lock

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

CSRF_MARK = "__huis_kept_csrf__"
HERE_MARK = "__huis_kept_here__"
# A few menus (anonymous, visitor, staff, partner, ...) in three languages for a few house names:
# far below this; the least recently used parts go past it.
KEPT = 256

_parts: OrderedDict[tuple, str] = OrderedDict()
_lock = Lock()


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    """A test that changes a setting (static files, languages, the URL patterns) draws anew."""
    forget()


def forget() -> None:
    with _lock:
        _parts.clear()


def _key_value(value):
    # A person's lazy objects and translations are keyed by what they write.
    return value if type(value) in (bool, int, str) or value is None else str(value)


class KeptPartNode(template.Node):
    def __init__(self, name, values, nodelist):
        self.name = name
        self.values = values
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        token = context.get("csrf_token")
        if request is None or token is None or str(token) == "NOTPROVIDED":
            with context.push(here=request.get_full_path() if request is not None else ""):
                return self.nodelist.render(context)
        key = (
            self.name,
            get_language(),
            *(_key_value(value.resolve(context)) for value in self.values),
        )
        with _lock:
            part = _parts.get(key)
            if part is not None:
                _parts.move_to_end(key)
        if part is None:
            with context.push(csrf_token=CSRF_MARK, here=HERE_MARK):
                part = self.nodelist.render(context)
            with _lock:
                _parts[key] = part
                while len(_parts) > KEPT:
                    _parts.popitem(last=False)
        # The token first: the page's address (typed by the visitor) is put in after it.
        part = part.replace(CSRF_MARK, str(token))
        return mark_safe(part.replace(HERE_MARK, escape(request.get_full_path())))


@register.tag
def kept_part(parser, token):
    """`{% kept_part "header" user.is_authenticated perms.core.view_dashboard %}`."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError('kept_part needs a name: {% kept_part "header" %}')
    name = bits[1].strip("\"'")
    values = [parser.compile_filter(bit) for bit in bits[2:]]
    nodelist = parser.parse(("endkept_part",))
    parser.delete_first_token()
    return KeptPartNode(name, values, nodelist)
