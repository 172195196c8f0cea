"""Forms of the learning groups: a group, a session (plan or move), notes, a cancellation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from huis.rooms.forms import MomentInRoomOrPlaceForm

from .models import LearningGroup
from .selectors import learning as reads


class _PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class _OnePerson(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=LearningGroup.Kind.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    coordinator = _OnePerson(
        label=_("Coordinator of the group"),
        queryset=reads.eligible_coordinators(),
        required=False,
        empty_label=_("No coordinator of its own"),
    )
    members = _PersonChoice(
        label=_("Members"),
        queryset=reads.eligible_members(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Partner workers and experts by experience."),
    )

    def __init__(self, *args, may_choose_coordinator: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_choose_coordinator:
            del self.fields["coordinator"]


class SessionForm(MomentInRoomOrPlaceForm):
    """When and where a session is: to plan it, or to move it."""


class SessionPlanForm(SessionForm):
    capacity = forms.IntegerField(label=_("Number of places"), min_value=2, max_value=60)
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class NotesForm(forms.Form):
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    minutes = forms.CharField(
        label=_("Short minutes"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What was decided and what happens next. Only the members read it."),
    )


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (the members read this)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
