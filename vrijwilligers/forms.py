"""Forms of vrijwilligers. They validate; the services decide and write. Made for a phone,
without JavaScript: native date and time fields, check boxes, plain text areas."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.core.phone import PhoneNumberField

from .models import ShiftKind, Task
from .services import ShiftData, VolunteerDetails


def _date() -> forms.DateInput:
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


def _time() -> forms.TimeInput:
    return forms.TimeInput(format="%H:%M", attrs={"type": "time"})


def _tasks(label) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label, choices=Task.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class ApplyForm(forms.Form):
    """The public page: easy words, few questions."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(label=_("Your email address"))
    phone = PhoneNumberField(
        label=_("Your phone number"), required=False, help_text=_("If you like us to call you.")
    )
    tasks = _tasks(_("What would you like to do?"))
    availability = forms.CharField(
        label=_("When are you free?"),
        max_length=300,
        required=False,
        help_text=_("For example: Tuesday mornings."),
    )
    languages = forms.CharField(
        label=_("Which languages do you speak?"), max_length=120, required=False
    )
    message = forms.CharField(
        label=_("Do you want to tell us something more?"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Not needed. You do not have to tell us about your health."),
    )


class ShiftForm(forms.Form):
    for_object = forms.ChoiceField(
        label=_("For an activity or course session"),
        required=False,
        help_text=_("Its volunteers lead or help there: they come from the roster."),
    )
    title = forms.CharField(label=_("Title"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=ShiftKind.choices)
    day = forms.DateField(label=_("Day"), widget=_date())
    start = forms.TimeField(label=_("From"), widget=_time())
    end = forms.TimeField(label=_("Until"), widget=_time())
    needed = forms.IntegerField(label=_("Volunteers needed"), min_value=1, max_value=50)
    tasks = _tasks(_("Tasks"))
    place = forms.CharField(label=_("Where"), max_length=150, required=False)
    notes = forms.CharField(label=_("What to know"), max_length=300, required=False)

    def __init__(self, *args, staffable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.staffable = {value: obj for value, _label, obj in staffable}
        self.fields["for_object"].choices = [("", "—")] + [
            (value, label) for value, label, _obj in staffable
        ]

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("The end comes after the start."))
        return data

    def to_data(self) -> ShiftData:
        c = self.cleaned_data
        for_object = self.staffable.get(c.get("for_object") or "")
        day = c["day"]
        return ShiftData(
            title=c["title"],
            kind=c["kind"],
            starts_at=timezone.make_aware(dt.datetime.combine(day, c["start"])),
            ends_at=timezone.make_aware(dt.datetime.combine(day, c["end"])),
            needed=c["needed"],
            tasks=list(c.get("tasks") or []),
            place=c.get("place", ""),
            notes=c.get("notes", ""),
            for_object=for_object,
        )

    @classmethod
    def initial_for(cls, shift) -> dict:
        start = timezone.localtime(shift.starts_at)
        kind = {"activity": "activity", "coursesession": "session"}.get(
            shift.for_type.model if shift.for_type_id else "", ""
        )
        return {
            "for_object": f"{kind}:{shift.for_id}" if kind else "",
            "title": shift.title,
            "kind": shift.kind,
            "day": start.date(),
            "start": start.time(),
            "end": timezone.localtime(shift.ends_at).time(),
            "needed": shift.needed,
            "tasks": shift.tasks,
            "place": shift.place,
            "notes": shift.notes,
        }


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class SeriesForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=ShiftKind.choices)
    weekday = forms.TypedChoiceField(label=_("Every"), choices=WEEKDAYS, coerce=int)
    start_time = forms.TimeField(label=_("From"), widget=_time())
    end_time = forms.TimeField(label=_("Until"), widget=_time())
    needed = forms.IntegerField(label=_("Volunteers needed"), min_value=1, max_value=50)
    starts_on = forms.DateField(label=_("First day"), widget=_date())
    until = forms.DateField(label=_("Last day"), widget=_date())
    tasks = _tasks(_("Tasks"))
    place = forms.CharField(label=_("Where"), max_length=150, required=False)


class VolunteerForm(forms.Form):
    tasks = _tasks(_("Likes to do"))
    availability = forms.CharField(label=_("Usually free"), max_length=300, required=False)
    languages = forms.CharField(label=_("Languages"), max_length=120, required=False)
    started_on = forms.DateField(label=_("Volunteer since"), widget=_date())
    info_note_on = forms.DateField(
        label=_("Information note acknowledged on"),
        required=False,
        widget=_date(),
        help_text=_("The law on volunteer work obliges the house to inform every volunteer."),
    )
    insured = forms.BooleanField(label=_("Covered by the house's insurance"), required=False)
    receives_benefit = forms.BooleanField(label=_("Receives a benefit"), required=False)
    benefit_agency_told_on = forms.DateField(
        label=_("Benefit agency (RVA, health fund) told on"),
        required=False,
        widget=_date(),
        help_text=_("Only the date. Never write down the reason or the kind of benefit."),
    )
    gets_allowance = forms.BooleanField(
        label=_("Gets the flat-rate volunteer allowance"), required=False
    )

    @classmethod
    def initial_for(cls, volunteer) -> dict:
        return {
            "tasks": volunteer.tasks,
            "availability": volunteer.availability,
            "languages": volunteer.languages,
            "started_on": volunteer.started_on,
            "info_note_on": volunteer.info_note_on,
            "insured": volunteer.insured,
            "receives_benefit": volunteer.receives_benefit,
            "benefit_agency_told_on": volunteer.benefit_agency_told_on,
            "gets_allowance": volunteer.gets_allowance,
        }

    def to_details(self) -> VolunteerDetails:
        c = self.cleaned_data
        return VolunteerDetails(
            tasks=list(c.get("tasks") or []),
            availability=c.get("availability", ""),
            languages=c.get("languages", ""),
            started_on=c["started_on"],
            info_note_on=c.get("info_note_on"),
            insured=bool(c.get("insured")),
            receives_benefit=bool(c.get("receives_benefit")),
            benefit_agency_told_on=c.get("benefit_agency_told_on"),
            gets_allowance=bool(c.get("gets_allowance")),
        )


class HoursForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Hours"), min_value=0.25, max_value=24, decimal_places=2, max_digits=4
    )
    km = forms.IntegerField(
        label=_("Km by car"), min_value=0, max_value=2000, required=False, initial=0
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Why"), max_length=300)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note for the others"), max_length=300, required=False)


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(required=False)
