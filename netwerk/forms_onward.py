"""The form to pass a referral on: to which organisation the person agreed to, and a note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation


class PassOnForm(forms.Form):
    to_organisation = forms.ModelChoiceField(
        label=_("Pass on to"),
        queryset=Organisation.objects.none(),
        empty_label=None,
        help_text=_("Only organisations the person agreed to share with."),
    )
    note = forms.CharField(
        label=_("What the next partner needs to know in addition (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_("The person's question, needs and what was tried go along by themselves."),
    )

    def __init__(self, *args, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in targets]
        ).order_by("name")
