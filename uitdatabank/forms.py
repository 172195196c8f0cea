"""Validation of what staff send: a choice to publish, and one row of the kinds table."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PublishForm(forms.Form):
    wanted = forms.TypedChoiceField(
        choices=[("1", _("Publish")), ("0", _("Do not publish"))],
        coerce=lambda value: value == "1",
        error_messages={"required": _("Choose whether to publish it.")},
    )


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


class OrganizerSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the organizer"), max_length=200, required=False)


class OrganizerChooseForm(forms.Form):
    organizer_id = forms.RegexField(
        regex=r"^[0-9A-Za-z-]{8,64}$",
        error_messages={
            "required": _("Choose an organizer."),
            "invalid": _("Choose an organizer."),
        },
    )
    name = forms.CharField(max_length=200, required=False)


class OrganizerCreateForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the organizer"),
        max_length=200,
        error_messages={"required": _("Fill in the name of the organizer.")},
    )
    url = forms.URLField(
        label=_("Website of the house"),
        max_length=300,
        error_messages={
            "required": _("Fill in the website of the house."),
            "invalid": _("Fill in a full web address, starting with https://."),
        },
    )


class PlaceLinkForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the place"),
        max_length=200,
        error_messages={"required": _("Fill in the name of the place.")},
    )
    street = forms.CharField(
        label=_("Street and number"),
        max_length=200,
        error_messages={"required": _("Fill in the street and number.")},
    )
    postal_code = forms.RegexField(
        label=_("Postal code"),
        regex=r"^[0-9]{4}$",
        error_messages={
            "required": _("Fill in a postal code of 4 digits."),
            "invalid": _("Fill in a postal code of 4 digits."),
        },
    )
    city = forms.CharField(
        label=_("Town or city"),
        max_length=100,
        error_messages={"required": _("Fill in the town or city.")},
    )
