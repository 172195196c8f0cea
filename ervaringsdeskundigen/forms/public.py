"""The public forms, for organisations without an account: short and plain, with a honeypot and
a signed start time against spam (see ..guard)."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.core.phone import PhoneNumberField

from .. import guard
from ..models import ExpertRequest, Language, Region, Theme, WorkKind
from .widgets import DateInput, TimeInput


class RequestForm(forms.ModelForm):
    """The public request form, for organisations without an account."""

    date = forms.DateField(label=_("Day"), required=False, widget=DateInput())
    time = forms.TimeField(label=_("Start time"), required=False, widget=TimeInput())
    # Robots fill in every field; people do not see this one.
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    # Belgian numbers written any common way, stored as E.164; anything else is refused.
    contact_phone = PhoneNumberField(
        label=ExpertRequest._meta.get_field("contact_phone").verbose_name, required=False
    )

    class Meta:
        model = ExpertRequest
        fields = [
            "organisation_name",
            "contact_name",
            "contact_email",
            "contact_phone",
            "work_kind",
            "themes",
            "spoken_language",
            "window_from",
            "window_until",
            "duration_minutes",
            "place",
            "place_region",
            "region",
            "audience",
            "audience_size",
            "experts_wanted",
            "fee",
            "fee_note",
            "description",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "window_from": DateInput(),
            "window_until": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "window_from": _("No fixed date yet? Give a period, we agree on the day with you."),
            "fee": _("For example the fee or the travel costs you pay. 0 if you do not know."),
            "region": _("The town or region, for example Gent or Waasland."),
            "place_region": _("So we can find someone who lives nearby."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["place_region"].queryset = Region.objects.filter(is_active=True)
        self.fields["place_region"].empty_label = _("Not in the list (write it below)")
        self.fields["work_kind"].queryset = WorkKind.objects.filter(is_active=True)
        self.fields["themes"].queryset = Theme.objects.filter(is_active=True)
        self.fields["spoken_language"].queryset = Language.objects.filter(is_active=True)
        self.fields["spoken_language"].empty_label = _("No preference")
        self.fields["experts_wanted"].widget.attrs.update(min=1, max=10)
        self.fields["duration_minutes"].widget.attrs.update(min=15, step=15)
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation_name"].widget.attrs["autocomplete"] = "organization"
        self.fields["website"].widget.attrs.update(tabindex="-1", autocomplete="off")
        if not self.is_bound:
            self.initial["started"] = guard.new_start()

    def clean_experts_wanted(self):
        value = self.cleaned_data["experts_wanted"]
        if not 1 <= value <= 10:
            raise forms.ValidationError(_("Ask for 1 to 10 experts."))
        return value

    def clean_audience_size(self):
        value = self.cleaned_data["audience_size"]
        if value is None or value < 1:
            raise forms.ValidationError(_("How many people come? Give a number of 1 or more."))
        return value

    def clean_duration_minutes(self):
        value = self.cleaned_data["duration_minutes"]
        if value < 15 or value > 60 * 12:
            raise forms.ValidationError(_("Give a duration between 15 minutes and 12 hours."))
        return value

    def clean_fee(self):
        value = self.cleaned_data["fee"]
        if value is not None and value < 0:
            raise forms.ValidationError(_("An amount cannot be negative."))
        return value

    def is_spam(self) -> bool:
        """Honeypot filled in, start time missing or forged, or sent too fast."""
        return bool(self.data.get("website")) or guard.is_spam(self.data.get("started", ""))

    def is_honeypot_filled(self) -> bool:
        """The field people do not see (robots fill it in)."""
        return bool(self.data.get("website"))

    def is_expired(self) -> bool:
        """Opened too long ago (see guard)."""
        return guard.is_expired(self.data.get("started", ""))

    def use_start(self) -> bool:
        """Count this request against the opened form; False when it filed enough already."""
        return guard.use_start(self.data.get("started", ""))

    def restart(self) -> None:
        """Give the form back as typed, with a fresh start time to send it again."""
        self.data = self.data.copy()
        self.data["started"] = guard.new_start()

    def clean(self):
        data = super().clean()
        day, moment = data.get("date"), data.get("time")
        start, until = data.get("window_from"), data.get("window_until")
        today = timezone.localdate()
        if day or moment:
            if not (day and moment):
                self.add_error("time" if day else "date", _("Give both the day and the time."))
                return data
            starts_at = timezone.make_aware(dt.datetime.combine(day, moment))
            if starts_at <= timezone.now():
                self.add_error("date", _("Choose a day in the future."))
            data["starts_at"] = starts_at
        elif start or until:
            if not (start and until):
                self.add_error(
                    "window_until" if start else "window_from", _("Give the first and last day.")
                )
            elif until < start:
                self.add_error("window_until", _("The last day comes after the first day."))
            elif start < today:
                self.add_error("window_from", _("Choose a day in the future."))
        else:
            self.add_error("date", _("Give a day and time, or a period."))
        return data

    def request_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k in self.Meta.fields}
        data.pop("themes")
        data["starts_at"] = self.cleaned_data.get("starts_at")
        if data["starts_at"]:
            data["window_from"] = data["window_until"] = None
        if data["fee"] is None:
            data.pop("fee")
        if data.get("place_region") and not data.get("region"):
            data["region"] = data["place_region"].name
        return data


class EvaluationForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How did it go? 1 is bad, 5 is very good."),
        coerce=int,
        choices=[(i, str(i)) for i in range(5, 0, -1)],
        widget=forms.RadioSelect,
    )
    went_well = forms.CharField(
        label=_("What went well?"), required=False, max_length=2000, widget=forms.Textarea
    )
    could_improve = forms.CharField(
        label=_("What could be better?"), required=False, max_length=2000, widget=forms.Textarea
    )
