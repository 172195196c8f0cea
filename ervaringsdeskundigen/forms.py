"""Forms of ervaringsdeskundigen. Public forms are short and plain, with a honeypot and a signed
start time against spam; the others are rendered with crispy."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import User
from huis.accounts.roles import Role
from huis.core.phone import PhoneNumberField

from . import guard
from .models import Expert, ExpertRequest, Language, Region, Theme, WorkKind
from .models.allowance import AllowanceMode
from .models.expert import DayPart, Weekday
from .services.experts import ProfileChange


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


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


class ScheduleForm(forms.Form):
    date = forms.DateField(label=_("Day"), widget=DateInput())
    time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=15, initial=120)

    def starts_at(self) -> dt.datetime:
        return self.moment(self.cleaned_data)

    @staticmethod
    def moment(data: dict) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(data["date"], data["time"]))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=250, required=False)


class ReturnReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What should the expert correct?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProposeForm(forms.Form):
    experts = forms.ModelMultipleChoiceField(
        label=_("Experts"), queryset=Expert.objects.all(), widget=forms.CheckboxSelectMultiple
    )
    confirm = forms.BooleanField(label=_("I checked the warnings"), required=False)


class ExpertForm(forms.ModelForm):
    class Meta:
        model = Expert
        fields = [
            "themes",
            "excluded_themes",
            "work_kinds",
            "languages",
            "home_region",
            "region",
            "travel_km",
            "max_per_month",
            "trainings",
            "consent_given_on",
            "consent_scope",
            "is_paused",
            "receives_benefit",
            "fund_permission_since",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "excluded_themes": forms.CheckboxSelectMultiple,
            "work_kinds": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "consent_given_on": DateInput(),
            "fund_permission_since": DateInput(),
            "trainings": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        if set(data.get("themes") or []) & set(data.get("excluded_themes") or []):
            self.add_error("excluded_themes", _("A theme cannot be both chosen and excluded."))
        return data

    def change(self) -> ProfileChange:
        data = self.cleaned_data
        return ProfileChange(
            themes=list(data["themes"]),
            excluded_themes=list(data["excluded_themes"]),
            work_kinds=list(data["work_kinds"]),
            languages=list(data["languages"]),
            home_region=data["home_region"],
            region=data["region"],
            travel_km=data["travel_km"],
            max_per_month=data["max_per_month"],
            trainings=data["trainings"],
            consent_given_on=data["consent_given_on"],
            consent_scope=data["consent_scope"],
            is_paused=data["is_paused"],
            receives_benefit=data["receives_benefit"],
            fund_permission_since=data["fund_permission_since"],
        )


class ExpertCreateForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(groups__name=Role.EXPERT, expert_profile__isnull=True)
            .order_by("display_name")
            .distinct()
        )


class AllowanceModeForm(forms.Form):
    mode = forms.ChoiceField(label=_("How the expert is paid"), choices=AllowanceMode.choices)


class ApproveForm(forms.Form):
    confirm = forms.BooleanField(label=_("I read the warnings"), required=False)


class IntervisionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    date = forms.DateField(label=_("Day"), widget=DateInput())
    start = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end = forms.TimeField(label=_("End time"), widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Number of places"), min_value=2, max_value=40, initial=8)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end comes after the start."))
        return data

    def moments(self) -> tuple[dt.datetime, dt.datetime]:
        data = self.cleaned_data
        return (
            timezone.make_aware(dt.datetime.combine(data["date"], data["start"])),
            timezone.make_aware(dt.datetime.combine(data["date"], data["end"])),
        )
