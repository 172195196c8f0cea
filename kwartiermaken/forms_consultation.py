"""Forms to record how residents were consulted and to quote a resident (with consent)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ConsultationKind
from .services.consultation import ConsultationDetails


class ConsultationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("How were residents consulted?"),
        choices=ConsultationKind.choices,
        widget=forms.RadioSelect,
    )
    held_on = forms.DateField(
        label=_("When"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})
    )
    people = forms.IntegerField(label=_("Residents taking part"), min_value=1, max_value=100_000)
    responses = forms.IntegerField(
        label=_("Answers to the survey (only for a survey)"),
        min_value=0,
        max_value=100_000,
        required=False,
    )
    summary = forms.CharField(
        label=_("What residents said, in short (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()

    def details(self) -> ConsultationDetails:
        data = self.cleaned_data
        return ConsultationDetails(
            kind=data["kind"],
            held_on=data["held_on"],
            people=data["people"],
            responses=data["responses"],
            summary=data["summary"],
        )


class QuoteForm(forms.Form):
    text = forms.CharField(
        label=_("In their own words"), widget=forms.Textarea(attrs={"rows": 3}), max_length=600
    )
    who = forms.CharField(
        label=_("Who says it (optional)"),
        max_length=80,
        required=False,
        help_text=_("Without a name, for example: a resident of the Stationswijk."),
    )
    consent_given = forms.BooleanField(
        label=_("The resident agrees that these words are quoted in the recommendation."),
        required=False,
    )
