"""Forms of trajecten. They validate; the services decide and write. Made for a phone, without
JavaScript: native date fields, radio buttons, plain text areas."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation
from huis.rooms import selectors as rooms_selectors

from .models import (
    Application,
    ContactKind,
    Decision,
    EndReason,
    Goal,
    HousingSituation,
    LifeDomain,
)
from .models.trajectories import CHECK_MONTHS
from .services.applications import ApplicationDetails


def _date_widget() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _number_widget() -> forms.NumberInput:
    return forms.NumberInput(attrs={"min": 0, "max": 30, "inputmode": "numeric"})


class ObjectChoiceField(forms.ChoiceField):
    """A choice among given objects, by primary key; returns the object."""

    def __init__(self, *args, objects=(), label_from=str, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_objects(objects, label_from)

    def set_objects(self, objects, label_from=str) -> None:
        self.objects = {str(o.pk): o for o in objects}
        self.choices = [("", "—")] + [(str(o.pk), label_from(o)) for o in objects]

    def clean(self, value):
        value = super().clean(value)
        if value in ("", None):
            return None
        try:
            return self.objects[str(value)]
        except KeyError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class ApplicationForm(forms.ModelForm):
    programme = ObjectChoiceField(label=_("Programme"))
    organisation = ObjectChoiceField(label=_("For which organisation"))
    consent = ObjectChoiceField(
        label=_("Consent of the family"),
        help_text=_(
            "The consent you recorded with the family in the network. Without it, nothing is "
            "shared with the committee."
        ),
    )

    class Meta:
        model = Application
        fields = [
            "family_label",
            "current_situation",
            "in_their_words",
            "what_they_ask",
            "strengths",
            "adults",
            "children",
            "children_elsewhere",
        ]
        widgets = {
            "in_their_words": forms.Textarea(attrs={"rows": 6}),
            "what_they_ask": forms.Textarea(attrs={"rows": 3}),
            "strengths": forms.Textarea(attrs={"rows": 3}),
            "adults": _number_widget(),
            "children": _number_widget(),
            "children_elsewhere": _number_widget(),
        }

    def __init__(self, *args, programmes=(), organisations=(), consents=(), **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("programme", "organisation", "consent"):
                del self.fields[name]
            return
        self.fields["programme"].set_objects(programmes)
        self.fields["organisation"].set_objects(organisations)
        self.fields["consent"].set_objects(
            consents,
            lambda c: f"{c.person} – {timezone.localtime(c.recorded_at):%d/%m/%Y}",
        )
        if len(programmes) == 1:
            self.fields["programme"].initial = str(programmes[0].pk)
        if len(organisations) == 1:
            self.fields["organisation"].initial = str(organisations[0].pk)
            self.fields["organisation"].widget = forms.HiddenInput()
        self.order_fields(["programme", "organisation", "consent"])

    def clean_adults(self):
        adults = self.cleaned_data["adults"]
        if adults is None or adults < 1 or adults > 20:
            raise ValidationError(_("A household has between 1 and 20 adults."))
        return adults

    def application_details(self) -> ApplicationDetails:
        return ApplicationDetails(**{name: self.cleaned_data[name] for name in self.Meta.fields})


class HousingStepForm(forms.Form):
    started_on = forms.DateField(label=_("From"), widget=_date_widget())
    ended_on = forms.DateField(
        label=_("Until (empty: still there)"), required=False, widget=_date_widget()
    )
    situation = forms.ChoiceField(label=_("Where"), choices=HousingSituation.choices)
    note = forms.CharField(label=_("In a few words (optional)"), max_length=200, required=False)


class MeetingForm(forms.Form):
    committee = ObjectChoiceField(label=_("Committee"))
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(format="%Y-%m-%dT%H:%M", attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    ends_at = forms.TimeField(
        label=_("Until"),
        required=False,
        widget=forms.TimeInput(format="%H:%M", attrs={"type": "time"}),
        help_text=_("Needed when you book a room of the house."),
    )
    room = forms.ModelChoiceField(
        label=_("Room of the house"),
        queryset=rooms_selectors.room_choices(),
        required=False,
        empty_label=_("No room of the house (fill in the place)"),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)

    def __init__(self, *args, committees=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].set_objects(committees)
        if len(committees) == 1:
            self.fields["committee"].initial = str(committees[0].pk)


class ScheduleForm(forms.Form):
    application = ObjectChoiceField(label=_("Application"))

    def __init__(self, *args, applications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].set_objects(
            applications, lambda a: f"{a.family_label} ({a.organisation})"
        )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Decision.Outcome.choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label=_("Reasons"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("The worker and the family read these reasons."),
    )


class TrajectoryStartForm(forms.Form):
    lead_organisation = ObjectChoiceField(label=_("Lead partner"))
    partners = forms.MultipleChoiceField(
        label=_("Other partners involved"), required=False, widget=forms.CheckboxSelectMultiple
    )
    started_on = forms.DateField(
        label=_("Start"), widget=_date_widget(), initial=timezone.localdate
    )
    housed_on = forms.DateField(
        label=_("Housed on (if the family already has a home)"),
        required=False,
        widget=_date_widget(),
    )

    def __init__(self, *args, organisations=(), leads=(), lead=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = {str(o.pk): o for o in organisations}
        # The one who starts works for the lead partner (netwerk's rule for an agreement).
        self.fields["lead_organisation"].set_objects(leads)
        self.fields["partners"].choices = [(str(o.pk), o.name) for o in organisations]
        if lead is not None:
            self.fields["lead_organisation"].initial = str(lead.pk)

    def clean_partners(self) -> list[Organisation]:
        return [self.organisations[pk] for pk in self.cleaned_data["partners"]]


class GoalForm(forms.Form):
    domain = forms.ChoiceField(label=_("Life domain"), choices=LifeDomain.choices)
    text = forms.CharField(
        label=_("The goal, in the family's words"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    written_with = forms.CharField(
        label=_("Written together with"),
        max_length=120,
        help_text=_("Who of the family wrote this goal with you, for example “mother and son”."),
    )


class GoalStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices)


class ContactForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=_date_widget(), initial=timezone.localdate)
    kind = forms.ChoiceField(label=_("Kind of contact"), choices=ContactKind.choices)
    note = forms.CharField(
        label=_("What was done or agreed"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )


class EvaluationPlanForm(forms.Form):
    planned_on = forms.DateField(label=_("Evaluation on"), widget=_date_widget())


class EvaluationRecordForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=_date_widget(), initial=timezone.localdate)
    summary = forms.CharField(
        label=_("What came out of it"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class HousedForm(forms.Form):
    housed_on = forms.DateField(label=_("Housed on"), widget=_date_widget())


class HousingCheckForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Moment"),
        coerce=int,
        choices=[(m, _("%(months)s months") % {"months": m}) for m in CHECK_MONTHS],
    )
    housed = forms.TypedChoiceField(
        label=_("Does the family still live in their home?"),
        coerce=lambda value: value == "yes",
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=200, required=False)


class EndForm(forms.Form):
    ended_on = forms.DateField(
        label=_("Ended on"), widget=_date_widget(), initial=timezone.localdate
    )
    reason = forms.ChoiceField(
        label=_("Reason"), choices=EndReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("About the end (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
