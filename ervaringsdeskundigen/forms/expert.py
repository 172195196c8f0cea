"""The expert's own forms: profile and availability, periods away, allowances received elsewhere,
the report after an assignment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Expert
from ..models.expert import DayPart, Weekday
from .widgets import DateInput


def slot_name(weekday: int, part: str) -> str:
    return f"slot_{weekday}_{part}"


class OwnProfileForm(forms.ModelForm):
    """What the expert changes themselves: pausing, availability, the public text."""

    class Meta:
        model = Expert
        fields = ["is_paused", "max_per_month", "travel_km", "public_text", "publish_public_text"]
        widgets = {"public_text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = set(self.instance.availability.values_list("weekday", "part"))
        for weekday, weekday_label in Weekday.choices:
            for part, part_label in DayPart.choices:
                self.fields[slot_name(weekday, part)] = forms.BooleanField(
                    label=f"{weekday_label} {part_label}",
                    required=False,
                    initial=(weekday, part) in current,
                )
        self.fields["max_per_month"].widget.attrs.update(min=1, max=30)

    def slot_rows(self):
        """The availability grid: one row per weekday, one checkbox per part of the day."""
        return [
            (label, [self[slot_name(weekday, part)] for part, _label in DayPart.choices])
            for weekday, label in Weekday.choices
        ]

    def clean_max_per_month(self):
        value = self.cleaned_data["max_per_month"]
        if not 1 <= value <= 30:
            raise forms.ValidationError(_("Choose between 1 and 30."))
        return value

    def own_change(self) -> dict:
        """The service's keyword arguments: the fields the expert changes themselves."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def slots(self) -> set[tuple[int, str]]:
        return {
            (weekday, part)
            for weekday, _w in Weekday.choices
            for part, _p in DayPart.choices
            if self.cleaned_data.get(slot_name(weekday, part))
        }


class AbsenceForm(forms.Form):
    starts_on = forms.DateField(label=_("Away from"), widget=DateInput())
    ends_on = forms.DateField(label=_("until and with"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day comes after the first day."))
        return data


class ElsewhereForm(forms.Form):
    received_elsewhere = forms.DecimalField(
        label=_("Flat-rate allowances received from other organisations this year (EUR)"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
    )
    km_elsewhere = forms.IntegerField(
        label=_("Km refunded by other organisations this year"), min_value=0, initial=0
    )


class ReportForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0.25, max_value=24, max_digits=5, decimal_places=2
    )
    km = forms.IntegerField(label=_("Travel by car (km, there and back)"), min_value=0, initial=0)
    costs = forms.DecimalField(
        label=_("Other costs with a receipt (EUR)"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        initial=0,
        help_text=_("Only when you are refunded real costs this year."),
    )
    debrief = forms.CharField(
        label=_("Debrief note: how was it for you?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only you and the coordinators read it."),
    )
