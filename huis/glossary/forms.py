"""The form for one word: validation only; the view hands the service a TermDetails."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Word

TEXTAREA = {"rows": 3}


class TermForm(forms.Form):
    term_nl = forms.CharField(label=_("Word (Dutch)"), max_length=80)
    explanation_nl = forms.CharField(
        label=_("Explanation in easy Dutch"),
        help_text=_('One or two short sentences. Write to the reader as "je".'),
        widget=forms.Textarea(attrs=TEXTAREA),
        max_length=600,
    )
    forms_nl = forms.CharField(
        label=_("Other forms (Dutch)"),
        help_text=_("Separate them with a comma. For example: lotgenoten."),
        max_length=200,
        required=False,
    )
    term_fr = forms.CharField(label=_("Word (French)"), max_length=80, required=False)
    explanation_fr = forms.CharField(
        label=_("Explanation (French)"),
        widget=forms.Textarea(attrs=TEXTAREA),
        max_length=600,
        required=False,
    )
    term_en = forms.CharField(label=_("Word (English)"), max_length=80, required=False)
    explanation_en = forms.CharField(
        label=_("Explanation (English)"),
        widget=forms.Textarea(attrs=TEXTAREA),
        max_length=600,
        required=False,
    )

    @classmethod
    def for_term(cls, term: Word) -> "TermForm":
        return cls(initial={name: getattr(term, name) for name in cls.base_fields})
