"""Forms of ontmoeting. Public forms are short and plain; staff forms carry their crispy layout."""

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout, Submit
from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import User
from huis.accounts.roles import Role
from huis.core.phone import NOT_MOBILE_MESSAGE, PhoneNumberField, is_mobile_number
from huis.core.translation_forms import TranslationFieldsMixin
from huis.facts.selectors import house_facts
from huis.places.models import PlaceOffering

from .models import ACCESSIBILITY, Activity, Category
from .services import ActivityData


class AgendaFilterForm(forms.Form):
    """The agenda's filters, sent with GET so every filtered page has its own address."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    week = forms.ChoiceField(label=_("Week"), required=False)
    category = forms.ChoiceField(
        label=_("Kind of activity"),
        required=False,
        choices=[("", _("All kinds")), *list(Category.choices)],
    )
    places_left = forms.BooleanField(label=_("Only with places left"), required=False)
    toegankelijk = forms.MultipleChoiceField(
        label=_("Accessibility"),
        required=False,
        choices=ACCESSIBILITY,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, weeks: list[dt.date], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("All weeks"))]
        for n, monday in enumerate(weeks):
            if n == 0:
                label = _("This week")
            elif n == 1:
                label = _("Next week")
            else:
                label = _("Week of %(day)s") % {"day": formats.date_format(monday, "j F")}
            choices.append((monday.isoformat(), label))
        self.fields["week"].choices = choices

    def clean_week(self) -> dt.date | None:
        value = self.cleaned_data.get("week")
        return dt.date.fromisoformat(value) if value else None


class PlacesField(forms.TypedChoiceField):
    def __init__(self, *, max_places: int, **kwargs):
        super().__init__(
            label=_("Number of places"),
            coerce=int,
            choices=[(n, str(n)) for n in range(1, max_places + 1)],
            initial=1,
            empty_value=1,
            required=False,
            help_text=_("For example for you and your child."),
            **kwargs,
        )


class AccountSignUpForm(forms.Form):
    """Signing up with an account: one click (and a number of places when groups may come)."""

    def __init__(self, *args, max_places: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        if max_places > 1:
            self.fields["places"] = PlacesField(max_places=max_places)

    def clean_places(self) -> int:
        return self.cleaned_data.get("places") or 1


class GuestSignUpForm(AccountSignUpForm):
    """Signing up without an account: a name and an email address or phone number, nothing more."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        help_text=_("We send you a confirmation. You can cancel with the link in it."),
    )
    # Any common Belgian writing in, E.164 out; anything that is not a number is refused.
    phone = PhoneNumberField(
        label=_("Or a phone number"),
        required=False,
        help_text=_(
            "If you have no email address: a mobile number. We send you a text message with "
            "your own link, and a reminder the day before."
        ),
    )

    field_order = ["name", "email", "phone", "places"]
    phone_must_be_mobile = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean(self):
        cleaned = super().clean()
        if "phone" in self.errors or "email" in self.errors:
            return cleaned  # the field already says what is wrong with what was typed
        if not cleaned.get("email") and not cleaned.get("phone"):
            raise forms.ValidationError(_("Give an email address or a phone number."))
        # With only a landline the guest would never get their link: say so now.
        only_phone = not cleaned.get("email")
        if self.phone_must_be_mobile and only_phone and not is_mobile_number(cleaned["phone"]):
            self.add_error("phone", NOT_MOBILE_MESSAGE)
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class OptionalReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (people signed up get to read this)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StaffSignUpForm(GuestSignUpForm):
    """Staff sign up someone who calls or stands at the desk."""

    phone_must_be_mobile = False  # staff may take a landline: they call that person

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name")
        self.fields["email"].help_text = _(
            "If this address belongs to an account, the sign-up shows in that person's list."
        )
        self.fields["phone"].label = _("Phone number")
        self.fields["phone"].help_text = _(
            "Only a phone number: a mobile number gets the confirmation and a reminder by text "
            "message. A landline gets no messages: call the person if something changes."
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Sign up")))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _leader_choices():
    return (
        User.objects.filter(
            is_active=True,
            # Volunteers of the roster lead activities too (instead of a name typed as text).
            groups__name__in=[Role.STAFF, Role.COORDINATOR, Role.EXPERT, Role.VOLUNTEER],
        )
        .distinct()
        .order_by("display_name")
    )


class ActivityForm(TranslationFieldsMixin, forms.ModelForm):
    """Plan or change an activity. Date and times apart, as people think of them."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    repeat_weekly_until = forms.DateField(
        label=_("Repeat every week until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for one date. Each week gets the same times."),
    )
    scope = forms.ChoiceField(
        label=_("What do you change?"),
        choices=[
            ("one", _("Only this date")),
            ("rest", _("This date and the rest of the series")),
        ],
        initial="one",
        widget=forms.RadioSelect,
    )
    capacity = forms.IntegerField(
        label=_("Number of places"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=_("Leave empty when people just walk in without signing up."),
    )
    waitlist_mode = forms.ChoiceField(
        label=_("When a place frees up"),
        choices=PlaceOffering.WaitlistMode.choices,
        initial=PlaceOffering.WaitlistMode.AUTOMATIC,
    )
    offer_hours = forms.IntegerField(
        label=_("Hours to accept an offer"), min_value=1, max_value=168, initial=24
    )
    max_places_per_claim = forms.IntegerField(
        label=_("Most places in one sign-up"),
        min_value=1,
        max_value=10,
        initial=4,
        help_text=_("For example a parent with children."),
    )
    signup_opens_at = forms.DateTimeField(
        label=_("Signing up opens"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Empty: at once."),
    )
    signup_closes_at = forms.DateTimeField(
        label=_("Signing up closes"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Empty: at the start."),
    )
    price = forms.DecimalField(
        label=_("Price in euro"), min_value=0, max_digits=6, decimal_places=2, initial=0
    )

    class Meta:
        model = Activity
        fields = [
            "title",
            "summary",
            "description",
            "category",
            "room",
            "location",
            "leaders",
            "leader_names",
            "price",
            "price_note",
            "step_free",
            "accessible_toilet",
            "hearing_loop",
            "quiet_room",
            "sign_language",
            "easy_to_read",
            "accessibility_notes",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "accessibility_notes": forms.Textarea(attrs={"rows": 2}),
            "leaders": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaders"].queryset = _leader_choices()
        self.fields["room"].queryset = self.fields["room"].queryset.filter(is_active=True)
        instance = self.instance
        creating = instance.pk is None
        if creating:
            del self.fields["scope"]
        else:
            del self.fields["repeat_weekly_until"]
            if not instance.series_id:
                del self.fields["scope"]
            start = timezone.localtime(instance.starts_at)
            end = timezone.localtime(instance.ends_at)
            self.initial.update(date=start.date(), start_time=start.time(), end_time=end.time())
            offering = instance.offering
            if offering is not None:
                self.initial.update(
                    capacity=offering.capacity,
                    waitlist_mode=offering.waitlist_mode,
                    offer_hours=offering.offer_hours,
                    max_places_per_claim=offering.max_places_per_claim,
                    signup_opens_at=offering.opens_at and timezone.localtime(offering.opens_at),
                    signup_closes_at=offering.closes_at
                    and offering.closes_at != instance.starts_at
                    and timezone.localtime(offering.closes_at),
                )
        self.helper = FormHelper()
        when = ["date", "start_time", "end_time"]
        when += (
            ["repeat_weekly_until"] if creating else (["scope"] if "scope" in self.fields else [])
        )
        self.helper.layout = Layout(
            Fieldset(_("What"), "title", "summary", "description", "category"),
            Fieldset(_("When"), *when),
            Fieldset(_("Where and who"), "room", "location", "leaders", "leader_names"),
            Fieldset(
                _("Places"),
                "capacity",
                "waitlist_mode",
                "offer_hours",
                "max_places_per_claim",
                "signup_opens_at",
                "signup_closes_at",
            ),
            Fieldset(_("Price"), "price", "price_note"),
            Fieldset(
                _("Accessibility"),
                Div(*[name for name, _label in ACCESSIBILITY]),
                "accessibility_notes",
            ),
        )
        self.add_translation_fieldset(self.helper)
        self.helper.add_input(Submit("submit", _("Save")))

    def clean(self):
        cleaned = super().clean()
        day, start, end = (cleaned.get(k) for k in ("date", "start_time", "end_time"))
        if day and start and end:
            starts_at = timezone.make_aware(dt.datetime.combine(day, start))
            ends_at = timezone.make_aware(dt.datetime.combine(day, end))
            if ends_at <= starts_at:
                self.add_error("end_time", _("The end must be after the start."))
            changed_start = self.instance.pk is None or starts_at != self.instance.starts_at
            if changed_start and starts_at < timezone.now():
                self.add_error("date", _("This date is in the past. Choose a date in the future."))
            cleaned["starts_at"], cleaned["ends_at"] = starts_at, ends_at
            until = cleaned.get("repeat_weekly_until")
            if until and until < day:
                self.add_error("repeat_weekly_until", _("This must be after the first date."))
        if not cleaned.get("room") and not cleaned.get("location", "").strip():
            self.add_error("room", _("Choose a room, or write where it is outside the house."))
        return cleaned

    def to_data(self) -> ActivityData:
        c = self.cleaned_data
        return ActivityData(
            title=c["title"],
            summary=c["summary"],
            description=c["description"],
            category=c["category"],
            starts_at=c["starts_at"],
            ends_at=c["ends_at"],
            room=c.get("room"),
            location=c.get("location", ""),
            leaders=list(c.get("leaders") or []),
            leader_names=c.get("leader_names", ""),
            capacity=c.get("capacity"),
            waitlist_mode=c["waitlist_mode"],
            offer_hours=c["offer_hours"],
            max_places_per_claim=c["max_places_per_claim"],
            signup_opens_at=c.get("signup_opens_at"),
            signup_closes_at=c.get("signup_closes_at"),
            price=c["price"],
            price_note=c.get("price_note", ""),
            accessibility_notes=c.get("accessibility_notes", ""),
            translations=self.translations(),
            **{name: bool(c.get(name)) for name, _label in ACCESSIBILITY},
        )


def period_value(weekday: int, opens: dt.time, closes: dt.time) -> str:
    return f"{weekday}-{opens:%H:%M}-{closes:%H:%M}"


class WalkInForm(forms.Form):
    """A count for one of the house's opening periods (huis.facts) on a day."""

    period = forms.ChoiceField(label=_("Open hours"))
    date = forms.DateField(label=_("Date"), widget=DateInput(), initial=timezone.localdate)
    count = forms.IntegerField(label=_("Number of people who dropped in"), min_value=0)
    note = forms.CharField(label=_("Note (no names)"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Save the count")))
        self.fields["period"].choices = [
            (
                period_value(p.weekday, p.opens_at, p.closes_at),
                f"{p.weekday_name} {p.opens_at:%H:%M}–{p.closes_at:%H:%M}",
            )
            for p in house_facts().weekly_periods
        ]

    def clean_period(self) -> tuple[dt.time, dt.time]:
        _weekday, opens, closes = self.cleaned_data["period"].split("-")
        return dt.time.fromisoformat(opens), dt.time.fromisoformat(closes)


class ActivityWalkInForm(forms.Form):
    count = forms.IntegerField(label=_("Number of people who came"), min_value=0)
