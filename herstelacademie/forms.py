"""Forms of the Recovery College. Public forms are short and plain; staff forms carry their
crispy layout."""

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huis.accounts.models import User
from huis.accounts.roles import HOUSE_ROLES, Role
from huis.core.translation_forms import TranslationFieldsMixin
from huis.rooms.models import Room

from .models import Attendance, Course, CourseFormat, LearningEntry, Term, Theme
from .services import CourseData, companion_candidates


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    periode = forms.ModelChoiceField(
        label=_("Term"),
        queryset=Term.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Current and coming courses"),
    )
    thema = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=Theme.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("All themes"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    vorm = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("All formats")), *CourseFormat.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    places_left = forms.BooleanField(label=_("Only with places left"), required=False)


class EnrolForm(forms.Form):
    hope_note = forms.CharField(
        label=_("What do you hope to learn? (you may leave this empty)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Message for the student (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"max_length": _("The message is too long.")},
    )


def _local(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


class _StaffForm(forms.Form):
    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", self.submit_label))


class TermForm(TranslationFieldsMixin, forms.ModelForm):
    class Meta:
        model = Term
        fields = [
            "name",
            "slug",
            "starts_on",
            "ends_on",
            "enrolment_opens_at",
            "enrolment_closes_at",
            "introduction",
        ]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "enrolment_opens_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "enrolment_closes_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.helper = FormHelper()
        self.add_translation_fieldset(self.helper)
        self.helper.add_input(Submit("save", _("Save")))


def _experts():
    return (
        User.objects.filter(is_active=True, groups__name=Role.EXPERT)
        .distinct()
        .order_by("display_name")
    )


def _professionals():
    return (
        User.objects.filter(is_active=True, groups__name__in=HOUSE_ROLES)
        .distinct()
        .order_by("display_name")
    )


class CourseForm(TranslationFieldsMixin, forms.ModelForm):
    expert_trainers = forms.ModelMultipleChoiceField(
        label=_("Trainers: experts by experience"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    professional_trainers = forms.ModelMultipleChoiceField(
        label=_("Trainers: professionals"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Course
        fields = [
            "term",
            "title",
            "summary",
            "learning_goals",
            "themes",
            "format",
            "max_students",
            "requires_intake",
            "certificate_share",
            "accessibility_notes",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "learning_goals": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert_trainers"].queryset = _experts()
        self.fields["professional_trainers"].queryset = _professionals()
        self.fields["expert_trainers"].label_from_instance = lambda u: u.display_name or u.email
        self.fields["professional_trainers"].label_from_instance = lambda u: (
            u.display_name or u.email
        )
        if self.instance.pk:
            trainers = list(self.instance.trainers.all())
            self.initial["expert_trainers"] = [t.user_id for t in trainers if t.role == "expert"]
            self.initial["professional_trainers"] = [
                t.user_id for t in trainers if t.role == "professional"
            ]
        self.helper = FormHelper()
        self.add_translation_fieldset(self.helper)
        self.helper.add_input(Submit("save", _("Save")))

    def clean(self):
        data = super().clean()
        both = set(data.get("expert_trainers") or []) & set(data.get("professional_trainers") or [])
        if both:
            self.add_error(
                "professional_trainers",
                _("A trainer has one role in a course: expert by experience or professional."),
            )
        return data

    def to_data(self) -> CourseData:
        d = self.cleaned_data
        return CourseData(
            term=d["term"],
            title=d["title"],
            summary=d["summary"],
            learning_goals=d["learning_goals"],
            format=d["format"],
            max_students=d["max_students"],
            themes=list(d["themes"]),
            requires_intake=d["requires_intake"],
            accessibility_notes=d["accessibility_notes"],
            certificate_share=d["certificate_share"],
            expert_trainers=list(d["expert_trainers"]),
            professional_trainers=list(d["professional_trainers"]),
            translations=self.translations(),
        )


class SessionForm(_StaffForm):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}))
    room = forms.ModelChoiceField(
        label=_("Room"), queryset=Room.objects.filter(is_active=True), required=False
    )
    location = forms.CharField(label=_("Place outside the house"), required=False, max_length=200)
    topic = forms.CharField(label=_("Topic of this session"), required=False, max_length=150)

    def clean(self):
        data = super().clean()
        if data.get("starts") and data.get("ends") and data["ends"] <= data["starts"]:
            self.add_error("ends", _("The end must be after the start."))
        if not data.get("room") and not (data.get("location") or "").strip():
            self.add_error("room", _("Choose a room, or say where the session takes place."))
        return data

    @property
    def starts_at(self) -> dt.datetime:
        return _local(self.cleaned_data["date"], self.cleaned_data["starts"])

    @property
    def ends_at(self) -> dt.datetime:
        return _local(self.cleaned_data["date"], self.cleaned_data["ends"])


class AttendanceForm(forms.Form):
    """One student's mark at one session: four big buttons on a phone (one POST each)."""

    status = forms.ChoiceField(
        choices=Attendance.Status.choices,
        error_messages={
            "required": _("Choose present, late, excused or absent."),
            "invalid_choice": _("Choose present, late, excused or absent."),
        },
    )


class EntryForm(forms.ModelForm):
    class Meta:
        model = LearningEntry
        fields = ["kind", "text", "is_shared", "is_done"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "kind": forms.RadioSelect}


class CompanionForm(forms.Form):
    companion = forms.ModelChoiceField(
        label=_("My learning companion"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("Nobody"),
        help_text=_("A staff member or an expert by experience of the house."),
    )
    share_courses = forms.BooleanField(
        label=_("My companion may see my courses and attendance"), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = companion_candidates()
        if user is not None:
            qs = qs.exclude(pk=user.pk)
        self.fields["companion"].queryset = qs
        self.fields["companion"].label_from_instance = lambda u: u.display_name or u.email


SCORES = [(n, str(n)) for n in range(1, 6)]


class EvaluationForm(forms.Form):
    overall = forms.TypedChoiceField(
        label=_("How was the course for you? (1 = not good, 5 = very good)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    useful = forms.TypedChoiceField(
        label=_("Can you use what you learned? (1 = not at all, 5 = very much)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    trainers = forms.TypedChoiceField(
        label=_("How did the trainers do? (1 = not good, 5 = very good)"),
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What else do you want to tell us?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    anonymous = forms.BooleanField(
        label=_("Send my answers anonymously (without my name)"), required=False, initial=True
    )
