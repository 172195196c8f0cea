"""The coordinators' forms: planning and proposing, profiles, allowances, intervision. Rendered
with crispy."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import User
from huis.accounts.roles import Role
from huis.rooms.forms import MomentInRoomOrPlaceForm

from ..models import Expert
from ..models.allowance import AllowanceMode
from ..services.experts import ProfileChange
from .widgets import DateInput, TimeInput


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


class IntervisionMomentForm(MomentInRoomOrPlaceForm):
    """When and where an intervision session is: to plan it, or to move it."""


class IntervisionForm(IntervisionMomentForm):
    field_order = ["title", "date", "start", "end", "room", "place", "capacity", "description"]

    title = forms.CharField(label=_("Title"), max_length=150)
    capacity = forms.IntegerField(label=_("Number of places"), min_value=2, max_value=40, initial=8)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)


class IntervisionCallOffForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (the experts read this)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
