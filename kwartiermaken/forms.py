"""Forms of kwartiermaken. They validate; the services decide and write.

The outreach form is made for a phone and for speed: four required fields with defaults (today,
the worker's last neighbourhood, home visit, one person), big radio buttons, no JavaScript.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .codes import parse_contact_codes
from .models import (
    Need,
    Neighbourhood,
    OutreachEntry,
    OutreachKind,
    PolicyRecommendation,
    Signal,
    SignalCategory,
)
from .selectors import active_needs, active_neighbourhoods
from .services import EntryDetails, RecommendationDetails, SignalDetails


def _date_widget() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _number_widget(minimum: int = 0) -> forms.NumberInput:
    return forms.NumberInput(attrs={"min": minimum, "inputmode": "numeric"})


class ContactCodesField(forms.CharField):
    """Text in, a list of normalised codes out; a name is refused with a plain explanation."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:
        text = super().to_python(value)
        return parse_contact_codes(text)

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value: Any) -> None:
        return None


class OrganisationChoiceMixin:
    """A worker of several organisations picks one; with one organisation the field is hidden."""

    def setup_organisation(self, organisations: list) -> None:
        field = self.fields["organisation"]
        field.choices = [(o.pk, o.name) for o in organisations]
        if organisations:
            field.initial = organisations[0].pk
        if len(organisations) <= 1:
            field.widget = forms.HiddenInput()

    def clean_organisation(self):
        value = self.cleaned_data["organisation"]
        for organisation in self.organisations:
            if str(organisation.pk) == str(value):
                return organisation
        raise ValidationError(_("Choose one of your organisations."))


class EntryForm(OrganisationChoiceMixin, forms.ModelForm):
    organisation = forms.ChoiceField(label=_("For which organisation"), required=True)
    contact_codes = ContactCodesField(
        label=_("Contact code (optional)"),
        required=False,
        max_length=200,
        help_text=_(
            "Never write a name. Choose a code with a number in it, for example BR-17, "
            "so you recognise the person later. Several codes: put a comma between them."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    class Meta:
        model = OutreachEntry
        fields = [
            "date",
            "neighbourhood",
            "kind",
            "people_reached",
            "needs",
            "contact_codes",
            "referrals",
            "follow_up_on",
            "follow_up_note",
            "notes",
        ]
        widgets = {
            "date": _date_widget(),
            "kind": forms.RadioSelect,
            "people_reached": _number_widget(0),
            "needs": forms.CheckboxSelectMultiple,
            "referrals": _number_widget(0),
            "follow_up_on": _date_widget(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "people_reached": _("Everyone you spoke to, also in a group."),
            "referrals": _(
                "People you sent elsewhere. To refer someone to a partner of the network, save "
                "and choose 'Refer the person to a partner': the referral is linked here."
            ),
            "follow_up_on": _("Leave empty when no follow-up is needed. You get a reminder."),
            "notes": _(
                "Only what you need for your work. No names. Who reads the notes is recorded."
            ),
        }

    def __init__(
        self,
        *args: Any,
        organisations: list,
        last_neighbourhood: int | None = None,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.organisations = organisations
        self.setup_organisation(organisations)
        if self.instance.pk:
            # An entry keeps its neighbourhood and needs even when they are no longer in use.
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].required = False
            neighbourhoods = Neighbourhood.objects.filter(
                Q(is_active=True) | Q(pk=self.instance.neighbourhood_id)
            )
            self.fields["needs"].queryset = Need.objects.filter(
                Q(is_active=True) | Q(pk__in=self.instance.needs.values("pk"))
            )
        else:
            neighbourhoods = active_neighbourhoods()
            self.fields["needs"].queryset = active_needs()
            self.fields["date"].initial = timezone.localdate()
            if last_neighbourhood:
                self.fields["neighbourhood"].initial = last_neighbourhood
        self.fields["neighbourhood"].queryset = neighbourhoods
        self.fields["neighbourhood"].empty_label = _("Choose a neighbourhood")
        self.fields["kind"].choices = OutreachKind.choices
        self.fields["date"].widget.attrs["max"] = timezone.localdate().isoformat()

    def clean_organisation(self):
        if self.instance.pk:
            return self.instance.organisation
        return super().clean_organisation()

    def clean(self):
        cleaned = super().clean()
        day, follow_up = cleaned.get("date"), cleaned.get("follow_up_on")
        if day and day > timezone.localdate():
            self.add_error("date", _("The date cannot be in the future."))
        if day and follow_up and follow_up < day:
            self.add_error(
                "follow_up_on", _("The follow-up date cannot be before the date of the work.")
            )
        if cleaned.get("follow_up_note") and not follow_up:
            self.add_error("follow_up_on", _("Choose a date for the follow-up."))
        return cleaned

    def details(self) -> EntryDetails:
        data = self.cleaned_data
        return EntryDetails(
            date=data["date"],
            neighbourhood=data["neighbourhood"],
            kind=data["kind"],
            people_reached=data["people_reached"],
            contact_codes=data["contact_codes"],
            referrals=data["referrals"],
            # No longer asked: a referral is a link (entry_refer); an earlier note stays.
            referred_to=self.instance.referred_to if self.instance.pk else "",
            follow_up_on=data["follow_up_on"],
            follow_up_note=data["follow_up_note"],
            notes=data["notes"],
        )


class SignalForm(OrganisationChoiceMixin, forms.ModelForm):
    organisation = forms.ChoiceField(label=_("For which organisation"), required=True)

    class Meta:
        model = Signal
        fields = [
            "observed_on",
            "category",
            "neighbourhood",
            "service",
            "description",
            "times_seen",
        ]
        widgets = {
            "observed_on": _date_widget(),
            "category": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 4}),
            "times_seen": _number_widget(1),
        }
        help_texts = {
            "description": _(
                "What stands in the way, in a few sentences. No names of people you met."
            ),
        }

    def __init__(self, *args: Any, organisations: list, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.organisations = organisations
        self.setup_organisation(organisations)
        self.fields["category"].choices = SignalCategory.choices
        self.fields["times_seen"].validators.append(
            MinValueValidator(1, message=_("At least once: you saw it yourself."))
        )
        neighbourhoods = active_neighbourhoods()
        if self.instance.pk:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].required = False
            neighbourhoods = Neighbourhood.objects.filter(
                Q(is_active=True) | Q(pk=self.instance.neighbourhood_id)
            )
        else:
            self.fields["observed_on"].initial = timezone.localdate()
        self.fields["neighbourhood"].queryset = neighbourhoods
        self.fields["neighbourhood"].empty_label = _("Choose a neighbourhood")

    def clean_organisation(self):
        if self.instance.pk:
            return self.instance.organisation
        return super().clean_organisation()

    def clean_observed_on(self):
        day = self.cleaned_data["observed_on"]
        if day > timezone.localdate():
            raise ValidationError(_("The date cannot be in the future."))
        return day

    def details(self) -> SignalDetails:
        data = self.cleaned_data
        return SignalDetails(
            observed_on=data["observed_on"],
            category=data["category"],
            neighbourhood=data["neighbourhood"],
            service=data["service"],
            description=data["description"],
            times_seen=data["times_seen"],
        )


class SignalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Signal) -> str:
        service = f" · {obj.service}" if obj.service else ""
        return (
            f"{obj.get_category_display()} · {obj.neighbourhood}{service} "
            f"({obj.observed_on:%d/%m/%Y}, ×{obj.times_seen})"
        )


class RecommendationForm(forms.ModelForm):
    signals = SignalChoiceField(
        label=_("Signals (the evidence)"),
        queryset=Signal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PolicyRecommendation
        fields = ["title", "addressed_to", "problem", "proposal", "signals"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "proposal": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, signals: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["signals"].queryset = signals

    def details(self) -> RecommendationDetails:
        data = self.cleaned_data
        return RecommendationDetails(
            title=data["title"],
            problem=data["problem"],
            proposal=data["proposal"],
            addressed_to=data["addressed_to"],
        )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("The answer received"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    answered_on = forms.DateField(label=_("Answered on"), widget=_date_widget())

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["answered_on"].initial = timezone.localdate()


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        choices=[
            (PolicyRecommendation.Status.IMPLEMENTED, _("Implemented")),
            (PolicyRecommendation.Status.REJECTED, _("Rejected")),
        ]
    )
