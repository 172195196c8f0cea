"""The facts page's forms: the facts, one line of hours per weekday, and the closed days."""

import itertools
import re
from datetime import time

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from huis.core.phone import normalise_phone_number

from .models import OpeningPeriod

TEXTAREA = {"rows": 3}
PERIOD = re.compile(r"^\s*(\d{1,2})[:.h](\d{2})\s*[-–]\s*(\d{1,2})[:.h](\d{2})\s*$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def parse_periods(raw: str) -> list[tuple[time, time]]:
    """ "10:00-12:30, 13:30-17:00" -> [(10:00, 12:30), (13:30, 17:00)]; "" -> closed."""
    message = _("Write the hours like 10:00-12:30, 13:30-17:00, or leave empty when closed.")
    periods = []
    for part in filter(None, (p.strip() for p in raw.replace(";", ",").split(","))):
        match = PERIOD.match(part)
        if not match:
            raise ValidationError(message, code="invalid_hours")
        h1, m1, h2, m2 = map(int, match.groups())
        try:
            opens, closes = time(h1, m1), time(h2, m2)
        except ValueError as error:
            raise ValidationError(message, code="invalid_hours") from error
        if not opens < closes:
            raise ValidationError(_("A period must end after it starts."), code="order")
        periods.append((opens, closes))
    periods.sort()
    for (_o, first_closes), (second_opens, _c) in itertools.pairwise(periods):
        if second_opens < first_closes:
            raise ValidationError(_("Two periods of one day overlap."), code="overlap")
    return periods


def format_periods(periods: list[tuple[time, time]]) -> str:
    return ", ".join(f"{o:%H:%M}-{c:%H:%M}" for o, c in periods)


class FactsForm(forms.Form):
    name = forms.CharField(label=_("Name of the house"), max_length=200)
    street = forms.CharField(label=_("Street"), max_length=200, required=False)
    number = forms.CharField(label=_("House number"), max_length=20, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    municipality = forms.CharField(label=_("Municipality"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone number"), max_length=40, required=False)
    email = forms.EmailField(label=_("Email address"), required=False)
    route_nl = forms.CharField(
        label=_("How to get here: bus, tram, train, the entrance (Dutch)"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )
    route_fr = forms.CharField(
        label=_("How to get here (French)"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    route_en = forms.CharField(
        label=_("How to get here (English)"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    access_nl = forms.CharField(
        label=_("Step-free access: wheelchair, lift, toilet (Dutch)"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )
    access_fr = forms.CharField(
        label=_("Step-free access (French)"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    access_en = forms.CharField(
        label=_("Step-free access (English)"), widget=forms.Textarea(attrs=TEXTAREA), required=False
    )
    welcome_nl = forms.CharField(
        label=_("Short welcome text (Dutch)"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )
    welcome_fr = forms.CharField(
        label=_("Short welcome text (French)"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )
    welcome_en = forms.CharField(
        label=_("Short welcome text (English)"),
        widget=forms.Textarea(attrs=TEXTAREA),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in OpeningPeriod.Weekday.choices:
            self.fields[f"hours_{value}"] = forms.CharField(
                label=label,
                max_length=200,
                required=False,
            )

    @property
    def facts_fields(self):
        return [self[n] for n in ("name", "street", "number", "postal_code", "municipality")]

    @property
    def contact_fields(self):
        return [self["phone"], self["email"]]

    @property
    def text_fields(self):
        return [
            self[f"{kind}_{lang}"]
            for kind in ("route", "access", "welcome")
            for lang in ("nl", "fr", "en")
        ]

    @property
    def hours_fields(self):
        return [self[f"hours_{value}"] for value, _label in OpeningPeriod.Weekday.choices]

    def clean_phone(self) -> str:
        raw = self.cleaned_data["phone"].strip()
        return normalise_phone_number(raw) if raw else ""

    def clean(self):
        data = super().clean()
        periods = []
        for value, _label in OpeningPeriod.Weekday.choices:
            name = f"hours_{value}"
            if name in data:
                try:
                    periods += [(value, o, c) for o, c in parse_periods(data[name])]
                except ValidationError as error:
                    self.add_error(name, error)
        data["periods"] = periods
        return data


class ClosureForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput(), required=False)
    reason = forms.CharField(
        label=_("Reason, for example: public holiday"), max_length=200, required=False
    )
    remove = forms.BooleanField(label=_("Remove this closed day"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date") and not data.get("remove") and not data.get("reason", "").strip():
            self.add_error("reason", _("Say why the house is closed that day."))
        if data.get("reason", "").strip() and not data.get("date"):
            self.add_error("date", _("Give the date of the closed day."))
        return data


ClosureFormSet = forms.formset_factory(ClosureForm, extra=2)
