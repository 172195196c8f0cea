"""Forms of the partner network. They validate; the services decide and write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation
from huis.core.phone import PhoneNumberField, display_phone_number
from huis.core.translation_forms import TranslationFieldsMixin

from .models import Charter, WelcomingPlace
from .models.people import ShareItem
from .services.places import PlaceDetails


def _date_widget() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class OwnOrganisationField(forms.ModelChoiceField):
    """One of the worker's organisations; hidden when there is only one."""

    def __init__(self, organisations, **kwargs):
        super().__init__(
            queryset=Organisation.objects.filter(pk__in=[o.pk for o in organisations]), **kwargs
        )
        if organisations:
            self.initial = organisations[0].pk
        if len(organisations) <= 1:
            self.widget = forms.HiddenInput()


class CharterForm(forms.ModelForm):
    class Meta:
        model = Charter
        fields = ["title", "body", "summary_of_changes"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}


class IntakeForm(forms.Form):
    """The one intake, as every function that starts a referral asks it: who (a name the person
    chooses), their question, what was tried, to whom, and their consent. Part of netwerk's public
    interface: kwartiermaken starts a referral from a home visit with it.

    Render it with ``netwerk/partials/intake_form.html``; ``full_intake`` adds the fields only the
    network's own referral page asks (what the partner needs to know, agreements about sharing).
    """

    full_intake = False
    share_choices = [c for c in ShareItem.choices if c[0] != ShareItem.GUIDANCE]

    alias = forms.CharField(
        label=_("Name or alias"),
        max_length=80,
        help_text=_("The name the person chooses to be known by. A first name is enough."),
    )
    contact = forms.CharField(
        label=_("How to reach them (optional)"),
        max_length=200,
        required=False,
        help_text=_("Only if the person wants the partner to contact them directly."),
    )
    question = forms.CharField(
        label=_("The person's question"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        help_text=_("In the person's own words, as far as possible."),
    )
    tried = forms.CharField(
        label=_("What was already tried (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        required=False,
        help_text=_("So that nobody asks the person again."),
    )
    to_organisation = forms.ModelChoiceField(
        label=_("Refer to"), queryset=Organisation.objects.none(), empty_label=None
    )
    also_share_with = forms.ModelMultipleChoiceField(
        label=_("The person also agrees to share with (optional)"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only organisations the person names. Needed to pass the referral on."),
    )
    receiver_may_pass_on = forms.BooleanField(
        label=_(
            "The person agrees that the receiving organisation passes the referral on to "
            "these organisations, with what they told."
        ),
        required=False,
    )
    items = forms.MultipleChoiceField(
        label=_("What may be shared"),
        widget=forms.CheckboxSelectMultiple,
        initial=[ShareItem.QUESTION],
        required=False,
    )
    consent_given = forms.BooleanField(
        label=_(
            "The person agrees that this is shared with the chosen organisation. I read the "
            "consent text to them and they know they can withdraw it at any time."
        ),
        required=False,
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = partners
        self.fields["also_share_with"].queryset = partners
        self.fields["items"].choices = self.share_choices

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("consent_given"):
            self.add_error(
                "consent_given",
                _("Ask the person for their consent first. Without it, nothing is shared."),
            )
        return cleaned


class ReferralForm(IntakeForm):
    """The network's own referral page: the intake, for which of the worker's organisations, with
    the minimum the partner needs to know and the agreements about sharing."""

    full_intake = True
    share_choices = ShareItem.choices

    minimum_needed = forms.CharField(
        label=_("What the partner needs to know to help"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
        help_text=_("Only the minimum. No diagnosis."),
    )
    scope = forms.CharField(
        label=_("Agreements about sharing (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
        help_text=_("For example: not with the family doctor; only by phone."),
    )

    def __init__(self, *args, organisations, partners, **kwargs):
        super().__init__(*args, partners=partners, **kwargs)
        self.fields["from_organisation"] = OwnOrganisationField(
            organisations, label=_("For which organisation")
        )
        self.order_fields(["from_organisation"])

    def clean(self):
        cleaned = super().clean()
        origin, target = cleaned.get("from_organisation"), cleaned.get("to_organisation")
        if origin and target and origin.pk == target.pk:
            self.add_error("to_organisation", _("Refer to another organisation."))
        return cleaned


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Why you decline"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("The sender reads this, to look further with the person."),
    )


class CloseForm(forms.Form):
    note = forms.CharField(
        label=_("How it ended (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class GuidanceForm(forms.Form):
    starts_on = forms.DateField(label=_("Starts on"), widget=_date_widget())
    ends_on = forms.DateField(
        label=_("Ends on"),
        widget=_date_widget(),
        help_text=_("At least six months after the start (the network's charter)."),
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Other partners involved"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    goals = forms.CharField(
        label=_("What we work on together"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )

    def __init__(self, *args, organisations, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"] = OwnOrganisationField(
            organisations, label=_("Lead partner")
        )
        self.order_fields(["lead_organisation"])
        self.fields["partners"].queryset = partners

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end <= start:
            self.add_error("ends_on", _("The end comes after the start."))
        return cleaned


class LeaveGuidanceForm(forms.Form):
    reason = forms.CharField(
        label=_("Why your organisation withdraws"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = OwnOrganisationField(
            organisations, label=_("Which organisation withdraws")
        )
        self.order_fields(["organisation"])


class HandoverForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Hand over to"), queryset=Organisation.objects.none()
    )
    reason = forms.CharField(
        label=_("Why"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = partners


class EvaluationPlanForm(forms.Form):
    planned_on = forms.DateField(label=_("Evaluation on"), widget=_date_widget())


class EvaluationDoneForm(forms.Form):
    summary = forms.CharField(
        label=_("What was agreed (optional)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
        required=False,
    )


class OrganisationLeaveForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the organisation leaves the network"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class PlaceForm(TranslationFieldsMixin, forms.ModelForm):
    contact_phone = PhoneNumberField(label=_("contact phone"), required=False)

    class Meta:
        model = WelcomingPlace
        fields = [
            "name",
            "kind",
            "offer",
            "when",
            "address",
            "municipality",
            "latitude",
            "longitude",
            "accessibility",
            "wheelchair_accessible",
            "contact_name",
            "contact_email",
            "contact_phone",
            "website",
            "partner",
        ]
        widgets = {
            "kind": forms.RadioSelect,
            "offer": forms.Textarea(attrs={"rows": 3}),
            "accessibility": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["partner"].required = False
        if self.instance.contact_phone and not self.is_bound:
            self.initial["contact_phone"] = display_phone_number(self.instance.contact_phone)

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            raise ValidationError(_("Give both coordinates, or neither."))
        return cleaned

    def place_details(self) -> PlaceDetails:
        return PlaceDetails(
            **{name: self.cleaned_data[name] for name in self._meta.fields},
            translations=self.translations(),
        )
