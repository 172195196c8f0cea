"""Forms for people's own account."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from huis.core.phone import NOT_MOBILE_MESSAGE, is_mobile_number

from .models import User


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form: only a name, nothing more."""

    display_name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        help_text=_("How we address you. A first name is enough."),
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )

    def signup(self, request, user) -> None:  # called by allauth after the user is saved
        pass


class ProfileForm(forms.ModelForm):
    """The person's own details, and how they want to hear from the house."""

    notify_by_email = forms.BooleanField(
        label=_("Send me messages by email"),
        required=False,
        help_text=_("Confirmations and reminders for what you signed up for."),
    )
    notify_by_sms = forms.BooleanField(
        label=_("Send me messages by text message"),
        required=False,
        help_text=_("To the phone number above. Leave both unticked to receive no messages."),
    )

    class Meta:
        model = User
        fields = ["display_name", "preferred_language", "phone"]
        widgets = {
            "display_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        }
        help_texts = {
            "preferred_language": _("We write to you in this language."),
            "phone": _("Not required. Only if you want text messages."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from huis.notifications.services import preference_for

        if self.instance.pk:
            preference = preference_for(user=self.instance)
            self.fields["notify_by_email"].initial = preference.by_email
            self.fields["notify_by_sms"].initial = preference.by_sms
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save"), css_class="btn-lg"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("notify_by_sms") and not cleaned.get("phone"):
            self.add_error("phone", _("Fill in a phone number to receive text messages."))
        elif cleaned.get("notify_by_sms") and not is_mobile_number(cleaned["phone"]):
            self.add_error("phone", NOT_MOBILE_MESSAGE)
        return cleaned


class AccountDeleteForm(forms.Form):
    """The second step of deleting an account: the person confirms they understand."""

    confirm = forms.BooleanField(
        label=_("I understand: my account and my data will be erased. This cannot be undone."),
        required=True,
        error_messages={"required": _("Tick the box to confirm, or go back to your profile.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("delete", _("Delete my account"), css_class="btn-danger"))
