"""Template filters for text messages: `sms_cut` shortens a value (a long activity title) with
three dots that GSM-7 has, not Django's one-character ellipsis that it lacks."""

from django import template

register = template.Library()


@register.filter
def sms_cut(value, length: int) -> str:
    text = " ".join(str(value).split())
    if len(text) <= length:
        return text
    return text[: max(length - 3, 1)].rstrip(" ,.;:-") + "..."
