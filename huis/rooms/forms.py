"""Forms of the rooms: a moment in a room or a place (the functions' meetings use it), a partner's
booking, a room's rules, a refusal. Validation only."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.access import organisations_of
from huis.accounts.models import Organisation

from . import selectors


class _DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class _TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class MomentForm(forms.Form):
    """A day with a start and an end time (the end after the start)."""

    date = forms.DateField(label=_("Day"), widget=_DateInput())
    start = forms.TimeField(label=_("Start time"), widget=_TimeInput())
    end = forms.TimeField(label=_("End time"), widget=_TimeInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end comes after the start."))
        return data

    def moments(self) -> tuple[dt.datetime, dt.datetime]:
        data = self.cleaned_data
        return (
            timezone.make_aware(dt.datetime.combine(data["date"], data["start"])),
            timezone.make_aware(dt.datetime.combine(data["date"], data["end"])),
        )


class MomentInRoomOrPlaceForm(MomentForm):
    """A day, start and end, and a room of the house or else a place: a meeting of one of the
    functions (an intervision session, a learning group's session)."""

    room = forms.ModelChoiceField(
        label=_("Room of the house"),
        queryset=selectors.room_choices(),
        required=False,
        empty_label=_("No room of the house (fill in the place)"),
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)


class PartnerBookingForm(MomentForm):
    field_order = ["organisation", "room", "date", "start", "end", "purpose"]

    organisation = forms.ModelChoiceField(label=_("For which organisation"), queryset=None)
    room = forms.ModelChoiceField(label=_("Room"), queryset=None)
    purpose = forms.CharField(
        label=_("What is it for?"),
        max_length=150,
        help_text=_("For example: team meeting, training of volunteers."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = organisations_of(user)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]
        ).order_by("name")
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk
            self.fields["organisation"].widget = forms.HiddenInput()
        self.fields["room"].queryset = selectors.bookable_rooms()


class RoomRulesForm(forms.Form):
    partner_bookable = forms.BooleanField(label=_("Partners may book this room"), required=False)
    opens_at = forms.TimeField(label=_("Open from"), widget=_TimeInput())
    closes_at = forms.TimeField(label=_("Open until"), widget=_TimeInput())
    days_ahead = forms.IntegerField(
        label=_("How many days ahead partners may book"), min_value=1, max_value=366
    )
    needs_approval = forms.BooleanField(
        label=_("Staff approve each booking"),
        required=False,
        help_text=_("Without approval a booking is made at once."),
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why not (the partner reads this)"), max_length=300, required=False
    )
