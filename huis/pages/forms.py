"""The editor's forms: Markdown in a plain textarea per language (works without JavaScript),
checked with the same rules the service applies."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import richtext

HELP = _(
    "Write plain text. A title: ## Title. A list: start lines with - . Bold: **word**. "
    "A link: [text](https://...). A picture: ![what it shows](/media/...)."
)


def _body(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10, "class": "editor-text"}),
        help_text=HELP,
    )


class _TextsForm(forms.Form):
    def _check(self, name: str) -> str:
        value = self.cleaned_data.get(name, "")
        found = richtext.problems(value)
        if found:
            raise forms.ValidationError(found)
        return value

    def clean_body_nl(self) -> str:
        return self._check("body_nl")

    def clean_body_fr(self) -> str:
        return self._check("body_fr")

    def clean_body_en(self) -> str:
        return self._check("body_en")


class BlockForm(_TextsForm):
    body_nl = _body(_("Text in Dutch"))
    body_fr = _body(_("Text in French"))
    body_en = _body(_("Text in English"))


class NewsForm(_TextsForm):
    date = forms.DateField(
        label=_("Date"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    title_nl = forms.CharField(label=_("Title in Dutch"), max_length=200)
    title_fr = forms.CharField(label=_("Title in French"), max_length=200, required=False)
    title_en = forms.CharField(label=_("Title in English"), max_length=200, required=False)
    body_nl = _body(_("Text in Dutch"))
    body_fr = _body(_("Text in French"))
    body_en = _body(_("Text in English"))
