"""Forms of the proposals: a visitor's proposal (few fields, easy words) and the house's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Proposal
from .services.proposals import ANSWER_STATUSES


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to propose?"),
        choices=Proposal.Kind.choices,
        widget=forms.RadioSelect,
        initial=Proposal.Kind.IDEA,
    )
    title = forms.CharField(
        label=_("In a few words"),
        max_length=120,
        help_text=_("For example: a cooking workshop on Saturday."),
    )
    text = forms.CharField(
        label=_("Tell us more"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What, for whom, when? Do not write anything about your health."),
    )
    name = forms.CharField(
        label=_("Your name (optional)"),
        max_length=80,
        required=False,
        help_text=_("Only for us. We never show it."),
    )


class ProposalAnswerForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What happens with it"),
        choices=[(s.value, s.label) for s in ANSWER_STATUSES],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("Answer"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The person reads it. Easy words."),
    )
    is_public = forms.BooleanField(
        label=_("Show the proposal and this answer on the public page (never the name)"),
        required=False,
    )
