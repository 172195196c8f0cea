"""`{% url %}` with its addresses kept per process, for every template (a builtin, see settings).

An address depends only on the name, its arguments, the URL patterns, the script prefix and the
URL configuration of the request, and the patterns do not change while a process runs. The menus,
navigation and footer of every page reverse some thirty addresses; Django's tag reverses each one
anew on every view, a fifth of a logged-in page's work (issue #30). This tag reverses a name with
the same plain arguments once per process: Django's tag otherwise, with the same output.
"""

from functools import lru_cache

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaulttags import URLNode
from django.template.defaulttags import url as django_url
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language

register = template.Library()

# Menus hold a few dozen names; rows of a list add one address per row (a request's page): kept
# until this many, then the least recently used ones go.
KEPT = 4096


@lru_cache(maxsize=KEPT)
def _reverse(view_name, args, kwargs, current_app, prefix, urlconf, language) -> str:
    # The prefix, the URL configuration and the language are part of the key only: `reverse`
    # reads them from the request's thread (the language matters once an address is translated).
    del prefix, urlconf, language
    return reverse(view_name, args=args, kwargs=dict(kwargs), current_app=current_app)


@receiver(setting_changed)
def _forget(*, setting: str, **kwargs) -> None:
    """Tests that swap the URL configuration get their own addresses (as Django's own caches)."""
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()


def _plain(value) -> bool:
    # Exactly text (a name in quotes is a SafeString) or an int. A bool equals 1 but is written
    # "True"; a str enum equals its value but is written by its own __str__; a model instance too:
    # those are reversed every time.
    return type(value) in (str, SafeString, int)


class KeptURLNode(URLNode):
    def render(self, context):
        args = tuple(arg.resolve(context) for arg in self.args)
        kwargs = tuple(sorted((k, v.resolve(context)) for k, v in self.kwargs.items()))
        view_name = self.view_name.resolve(context)
        try:
            current_app = context.request.current_app
        except AttributeError:
            try:
                current_app = context.request.resolver_match.namespace
            except AttributeError:
                current_app = None
        url = ""
        try:
            if (
                _plain(view_name)
                and all(_plain(a) for a in args)
                and all(_plain(v) for _k, v in kwargs)
                and (current_app is None or _plain(current_app))
            ):
                url = _reverse(
                    view_name,
                    args,
                    kwargs,
                    current_app,
                    get_script_prefix(),
                    get_urlconf(),
                    get_language(),
                )
            else:
                url = reverse(
                    view_name, args=list(args), kwargs=dict(kwargs), current_app=current_app
                )
        except NoReverseMatch:
            if self.asvar is None:
                raise
        if self.asvar:
            context[self.asvar] = url
            return ""
        return conditional_escape(url) if context.autoescape else url


@register.tag
def url(parser, token):
    """Django's `{% url %}`, parsed by Django, with the address kept (see the module)."""
    node = django_url(parser, token)
    return KeptURLNode(node.view_name, node.args, node.kwargs, node.asvar)
