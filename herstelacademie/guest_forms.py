"""Forms of "iedereen welkom": enrolling as a guest, and at the desk."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from huis.core.phone import PhoneNumberField


class GuestEnrolForm(forms.Form):
    """A name and an email address or a phone number, nothing more (like an activity)."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        help_text=_("We send you a confirmation with your own link. You can cancel with it."),
    )
    phone = PhoneNumberField(
        label=_("Or a phone number"),
        required=False,
        help_text=_("If you have no email address. You get a text message."),
    )
    language = forms.ChoiceField(
        label=_("Language of the messages"), choices=settings.LANGUAGES, initial="nl"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Enrol me")))

    def clean(self):
        cleaned = super().clean()
        if "phone" in self.errors:
            return cleaned
        if not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(_("Give an email address or a phone number."))
        return cleaned


class DeskEnrolForm(GuestEnrolForm):
    """Staff enrol someone who calls or stands at the desk."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name")
        self.fields["phone"].label = _("Phone number")
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Enrol")))
