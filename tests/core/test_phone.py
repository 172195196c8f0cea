"""Phone numbers: Belgian numbers written any common way are stored as one E.164 number."""

import pytest
from django import forms
from django.utils import translation

from huis.core.phone import PhoneNumberField, display_phone_number


class _Form(forms.Form):
    phone = PhoneNumberField(required=False)


@pytest.mark.parametrize(
    "written",
    ["0470 12 34 56", "0470/12.34.56", "+32 470 12 34 56", "0032470123456", "+32 (0)470 123456"],
)
def test_a_mobile_number_written_any_common_way_is_stored_as_e164(written):
    form = _Form({"phone": written})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+32470123456"


def test_a_landline_and_a_foreign_number():
    assert _Form({"phone": "09 225 11 11"}).is_valid()
    form = _Form({"phone": "+31 6 12345678"})
    assert form.is_valid()
    assert form.cleaned_data["phone"] == "+31612345678"


@pytest.mark.parametrize(
    "written",
    [
        "<script>alert(1)</script>",
        "bel me",
        "0470 12",
        "1" * 41,
        "<script>0470123456",
        "0470 12 34 56 ext. 3",
    ],
)
def test_what_is_not_a_phone_number_is_refused_in_plain_dutch(written):
    with translation.override("nl"):
        form = _Form({"phone": written})
        assert not form.is_valid()
        assert "0470 12 34 56" in form.errors["phone"][0]


def test_a_line_break_inside_a_number_is_a_space_like_in_every_single_line_field():
    # huis/core/input_guard.py: no single-line field keeps a line break.
    form = _Form({"phone": "0470\r12 34 56"})
    assert form.is_valid() and form.cleaned_data["phone"] == "+32470123456"


def test_a_control_character_in_a_number_is_refused():
    assert not _Form({"phone": "0470 12 34 56\x07"}).is_valid()


def test_empty_stays_empty_and_the_widget_asks_for_a_phone_keyboard():
    form = _Form({"phone": ""})
    assert form.is_valid() and form.cleaned_data["phone"] == ""
    assert 'type="tel"' in str(form["phone"])


def test_a_stored_number_is_shown_the_belgian_way():
    assert display_phone_number("+32470123456") == "0470 12 34 56"
    assert display_phone_number("+31612345678") == "+31 6 12345678"
    assert display_phone_number("") == ""
