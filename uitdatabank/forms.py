"""Validation of what staff send: a choice to publish, and one row of the kinds table."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PublishForm(forms.Form):
    wanted = forms.TypedChoiceField(
        choices=[("1", _("Publish")), ("0", _("Do not publish"))],
        coerce=lambda value: value == "1",
        error_messages={"required": _("Choose whether to publish it.")},
    )
    whole_series = forms.BooleanField(required=False)


class CategoryMappingForm(forms.Form):
    eventtype_id = forms.RegexField(
        label=_("Event type (term id)"),
        regex=r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+){2,6}$",
        max_length=40,
        error_messages={"invalid": _("A term id looks like 0.3.1.0.0.")},
    )
    theme_id = forms.RegexField(
        label=_("Theme (term id)"),
        regex=r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+){2,6}$",
        max_length=40,
        required=False,
        error_messages={"invalid": _("A term id looks like 0.3.1.0.0.")},
    )
    publish_by_default = forms.BooleanField(label=_("Publish by default"), required=False)
