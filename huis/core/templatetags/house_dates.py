"""Short dates in the house's one style per language (issue 22).

Django's "M" gives a title-cased month ("6 Dec") in every language; Flemish Dutch and French
write months in lower case ("6 dec", "6 déc"). `{{ day|house_date:"j M, H:i" }}` takes the
English-style format and uses the lower-case month ("b") for every other language, through
Django's own date formatting (translated month names, Europe/Brussels time).
"""

from django import template
from django.utils import formats
from django.utils.translation import get_language

register = template.Library()


@register.filter(expects_localtime=True)
def house_date(value, arg: str = "j M Y") -> str:
    if value in (None, ""):
        return ""
    language = (get_language() or "nl").split("-")[0]
    pattern = arg if language == "en" else arg.replace("M", "b")
    try:
        return formats.date_format(value, pattern)
    except (AttributeError, TypeError, ValueError):
        return ""
