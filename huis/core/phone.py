"""Phone numbers as people write them, stored one way (E.164).

Belgian numbers are accepted in every common way ("0470 12 34 56", "0470/12.34.56",
"+32 470 12 34 56", "0032 9 123 45 67"); a number from abroad needs its country code. What is not
a phone number ("<script>", letters, a control character) is refused with a clear message, so
nothing but digits and a leading + is ever stored. Parsing is Google's libphonenumber
(`phonenumbers`), not our own rules.
"""

import re
from typing import Any

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "BE"
# What people put in a phone number besides digits: spaces, dots, slashes, dashes, brackets and a
# leading plus. libphonenumber skips anything else around a number ("<script>0470 12 34 56"), so
# we refuse it before parsing: only what a person could mean as a number is accepted.
WRITTEN_NUMBER = re.compile(r"\+?[0-9 ./()\-]+")


def normalise_phone_number(raw: str, *, region: str = DEFAULT_REGION) -> str:
    """The number in E.164 (`+32470123456`), or ValidationError when it is not a valid number."""
    message = _("This is not a phone number we can use. Write it like 0470 12 34 56.")
    if len(raw) > 40 or not WRITTEN_NUMBER.fullmatch(raw):
        raise ValidationError(message, code="invalid_phone")
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as error:
        raise ValidationError(message, code="invalid_phone") from error
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(message, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


# Said wherever a landline is given for text messages.
NOT_MOBILE_MESSAGE = _(
    "We cannot send text messages to a landline. Give a mobile number (like 0470 12 34 56) "
    "or an email address."
)


def is_mobile_number(stored: str) -> bool:
    """Whether a stored (E.164) number can receive text messages: a mobile number. Numbers whose
    kind libphonenumber cannot tell (some countries) are given the benefit of the doubt."""
    if not stored:
        return False
    try:
        number = phonenumbers.parse(stored, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return False
    kind = phonenumbers.number_type(number)
    return kind in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def display_phone_number(stored: str) -> str:
    """How a stored number is shown: Belgian numbers the Belgian way, others internationally."""
    if not stored:
        return ""
    try:
        number = phonenumbers.parse(stored, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return stored
    region = phonenumbers.region_code_for_number(number)
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if region == DEFAULT_REGION
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, style)


class PhoneNumberField(forms.CharField):
    """A form field for a phone number: any common writing in, E.164 out (empty stays empty)."""

    def __init__(self, **kwargs: Any):
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"type": "tel", "autocomplete": "tel", "inputmode": "tel"})
        return attrs

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        return normalise_phone_number(value)
