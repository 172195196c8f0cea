"""Forms of beeldvorming. Staff forms carry their crispy layout; the story forms stay plain."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import User
from huis.accounts.roles import Role
from huis.core.translation_forms import TranslationFieldsMixin

from .models import Attribution, Audience, Campaign, CampaignAction
from .services import CONSENT_TEXT
from .uploads import ALLOWED_EXTENSIONS, MAX_MATERIAL_SIZE, validate_material


def _date_widget() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _helper(button: str) -> FormHelper:
    helper = FormHelper()
    helper.form_method = "post"
    helper.add_input(Submit("submit", button))
    return helper


class CampaignForm(TranslationFieldsMixin, forms.ModelForm):
    target_audiences = forms.MultipleChoiceField(
        label=_("Target audiences"),
        choices=Audience.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Campaign
        fields = ["name", "starts_on", "ends_on", "goals", "target_audiences"]
        widgets = {"starts_on": _date_widget(), "ends_on": _date_widget()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Save the campaign"))
        self.add_translation_fieldset(self.helper)

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        return cleaned


class ActionForm(forms.ModelForm):
    experts = forms.ModelMultipleChoiceField(
        label=_("Experts by experience who took part"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = CampaignAction
        fields = [
            "kind",
            "date",
            "place",
            "audience",
            "people_reached",
            "experts",
            "notes",
            "follow_up",
        ]
        widgets = {
            "date": _date_widget(),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "follow_up": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["experts"].queryset = (
            User.objects.filter(groups__name=Role.EXPERT, is_active=True)
            .distinct()
            .order_by("display_name")
        )
        self.helper = _helper(_("Save the action"))


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, PNG, JPEG or a presentation (PowerPoint, ODP). At most %(size)s MB.")
        % {"size": MAX_MATERIAL_SIZE // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Upload"))
        self.helper.form_enctype = "multipart/form-data"

    def clean_file(self):
        file = self.cleaned_data["file"]
        self.cleaned_data["file_kind"] = validate_material(file)
        return file


class DeclineForm(forms.Form):
    note = forms.CharField(
        label=_("Note for the author (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Say kindly why, and what they can do."),
    )


class ConsentFields(forms.Form):
    """How the author wants to be named, and their explicit agreement."""

    attribution = forms.ChoiceField(
        label=_("How may we show your name?"),
        choices=Attribution.choices,
        widget=forms.RadioSelect,
        initial=Attribution.ANONYMOUS,
    )
    shown_name = forms.CharField(
        label=_("The name we show"),
        required=False,
        max_length=120,
        help_text=_("Only if you chose a name. Leave it empty for an anonymous story."),
    )
    agree = forms.BooleanField(label=CONSENT_TEXT, required=True)

    def clean(self):
        cleaned = super().clean()
        attribution = cleaned.get("attribution")
        if (
            attribution in (Attribution.NAME, Attribution.FIRST_NAME)
            and not cleaned.get("shown_name", "").strip()
        ):
            self.add_error("shown_name", _("Write the name we may show with your story."))
        if attribution == Attribution.ANONYMOUS:
            cleaned["shown_name"] = ""
        return cleaned


class TestimonyForm(ConsentFields):
    title = forms.CharField(label=_("Title of your story"), max_length=160)
    body = forms.CharField(
        label=_("Your story"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Write it in your own words. Leave out names of other people."),
    )

    field_order = ["title", "body", "attribution", "shown_name", "agree"]


class TestimonyEditForm(forms.Form):
    title = forms.CharField(label=_("Title of your story"), max_length=160)
    body = forms.CharField(label=_("Your story"), widget=forms.Textarea(attrs={"rows": 12}))
