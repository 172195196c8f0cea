"""The day the person signed their printed guidance agreement."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SignedForm(forms.Form):
    signed_on = forms.DateField(
        label=_("The person signed the agreement on"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signed_on"].initial = timezone.localdate()
