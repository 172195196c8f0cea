"""The portal's input guard: nothing a person can put in a URL or a form reaches the database unfit.

Two layers, each in one place for every app (no view or form needs to remember anything):

- `InputGuardMiddleware` looks at the path, every GET parameter (names and values) and every POST
  field before any view runs. NUL and the other C0 control characters are refused (PostgreSQL
  refuses NUL in text, and the rest has no business in a page or a calendar feed); in POST fields
  tab, line feed and carriage return stay allowed, because a textarea sends its lines with CRLF. A
  query string or form body whose percent-encoding is not UTF-8, and a GET value too long to be
  typed, are refused too. The person gets a calm 400 page in their own language.
- `install_single_line_guard()` (called once from CoreConfig.ready) makes every `forms.CharField`
  whose widget is not a Textarea turn line breaks and tabs into one space: a place or an audience
  typed on one line stays on one line wherever it is shown or exported (a lone carriage return
  once started a new event in a calendar feed). A control character that is not white space is
  refused by any CharField, also in a textarea, with a message next to the field. This holds for
  every form of the portal, ours and allauth's, without a base class to inherit.
"""

import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote_to_bytes

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

# C0 control characters and DEL. In POST fields tab, LF and CR are text (a textarea's lines).
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAKS = re.compile(r"[\t\n\v\f\r\x85\u2028\u2029]+")
# Longer than anyone types into a search box or a filter; signed links and cursors stay far below.
MAX_QUERY_VALUE = 2000

CONTROL_MESSAGE = _(
    "This text contains invisible control characters. Type it again without them, please."
)
REFUSED_REASONS = {
    "control": _("The address or the form contains characters that are not text."),
    "encoding": _("The address or the form contains characters we cannot read."),
    "length": _("A value in the address is far too long."),
}


def _has_control(values: Iterable[str], pattern: re.Pattern) -> bool:
    return any(pattern.search(value) for value in values)


def _is_utf8(encoded: bytes | str) -> bool:
    raw = encoded if isinstance(encoded, bytes) else encoded.encode("latin-1", "replace")
    try:
        unquote_to_bytes(raw.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def refusal(request: HttpRequest) -> str | None:
    """Why this request is refused (a key of REFUSED_REASONS), or None when its input is fit."""
    if CONTROL.search(request.path_info):
        return "control"
    if request.method != "POST" and not request.META.get("QUERY_STRING"):
        return None  # nothing else to look at (most requests: issue #30)
    if not _is_utf8(request.META.get("QUERY_STRING", "")):
        return "encoding"
    query = request.GET
    if _has_control(query.keys(), CONTROL) or any(
        _has_control(values, CONTROL) for _key, values in query.lists()
    ):
        return "control"
    if any(len(value) > MAX_QUERY_VALUE for _key, values in query.lists() for value in values):
        return "length"
    if request.method == "POST":
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("application/x-www-form-urlencoded") and not _is_utf8(
            request.body
        ):
            return "encoding"
        form = request.POST
        if _has_control(form.keys(), CONTROL) or any(
            _has_control(values, CONTROL_IN_TEXT) for _key, values in form.lists()
        ):
            return "control"
    return None


class InputGuardMiddleware:
    """Refuses a request with control characters or broken encoding in its input: a 400 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        reason = refusal(request)
        if reason is not None:
            return TemplateResponse(
                request, "400.html", {"reason": REFUSED_REASONS[reason]}, status=400
            ).render()
        return self.get_response(request)


def single_line(value: str) -> str:
    """Line breaks and tabs become one space: what was typed on one line stays on one line."""
    return LINE_BREAKS.sub(" ", value)


def _guarded_to_python(original: Callable) -> Callable:
    def to_python(self, value):
        value = original(self, value)
        if not isinstance(value, str) or not value:
            return value
        if not isinstance(self.widget, forms.Textarea):
            value = single_line(value)
            if self.strip:
                value = value.strip()
        if CONTROL_IN_TEXT.search(value):
            raise ValidationError(CONTROL_MESSAGE, code="control_characters")
        return value

    to_python.huis_input_guard = True
    return to_python


def install_single_line_guard() -> None:
    """Once per process: every CharField (and every subclass that calls it) is guarded."""
    if getattr(forms.CharField.to_python, "huis_input_guard", False):
        return
    forms.CharField.to_python = _guarded_to_python(forms.CharField.to_python)
