"""The form to start a referral from outreach work: the person, their question, to whom, and
their consent. The needs observed on the entry go along by themselves."""

from django import forms
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import Organisation

from .services.referrals import ReferralFromOutreach

SHARE_CHOICES = [
    ("contact", _("How to reach them")),
    ("question", _("Their question and what is needed")),
    ("history", _("What was already tried")),
]


class OutreachReferralForm(forms.Form):
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
        choices=SHARE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=["question"],
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

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("consent_given"):
            self.add_error(
                "consent_given",
                _("Ask the person for their consent first. Without it, nothing is shared."),
            )
        return cleaned

    def details(self) -> ReferralFromOutreach:
        data = self.cleaned_data
        return ReferralFromOutreach(
            to_organisation=data["to_organisation"],
            alias=data["alias"],
            contact=data["contact"],
            question=data["question"],
            tried=data["tried"],
            items=tuple(data["items"]),
            also_share_with=tuple(data["also_share_with"]),
            receiver_may_pass_on=data["receiver_may_pass_on"],
            consent_given=data["consent_given"],
        )
