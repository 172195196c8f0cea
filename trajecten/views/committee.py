"""The inclusion committee: meetings, their agenda, and one decision per agenda item."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from huis.accounts.access import authorise
from huis.core.errors import DomainError

from .. import selectors, services
from ..forms import DecisionForm, MeetingForm, ScheduleForm
from ..services import TrajectenError
from .base import ObjectAccessMixin, PermissionRequiredMixin, ServicePostView, apply_service_error


class MeetingListView(PermissionRequiredMixin, TemplateView):
    permission_required = "trajecten.view_meetings"
    template_name = "trajecten/meeting_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            meetings=list(selectors.meetings_for(user=self.request.user)[:100]), **kwargs
        )


def _end_on_same_day(starts_at: dt.datetime, end: dt.time | None) -> dt.datetime | None:
    if end is None:
        return None
    local = timezone.localtime(starts_at)
    return timezone.make_aware(dt.datetime.combine(local.date(), end))


class MeetingCreateView(PermissionRequiredMixin, FormView):
    permission_required = "trajecten.manage_meetings"
    template_name = "trajecten/meeting_form.html"
    form_class = MeetingForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "committees": selectors.committees_for_planning()}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                actor=self.request.user,
                committee=data["committee"],
                starts_at=data["starts_at"],
                place=data["place"],
                room=data["room"],
                ends_at=_end_on_same_day(data["starts_at"], data["ends_at"]),
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The meeting is planned. Now put applications on the agenda.")
        )
        return redirect(meeting)


class MeetingAccessMixin(ObjectAccessMixin):
    view_perm = "trajecten.view_meeting"

    def get_object_queryset(self):
        return selectors.meeting_with_agenda()


class MeetingDetailView(MeetingAccessMixin, TemplateView):
    template_name = "trajecten/meeting_detail.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        meeting = self.object
        can_manage = user.has_perm("trajecten.manage_meetings")
        return super().get_context_data(
            meeting=meeting,
            items=list(meeting.agenda_items.all()),
            members=list(meeting.members.all()),
            can_decide=user.has_perm("trajecten.decide", meeting),
            schedule_form=ScheduleForm(
                applications=selectors.applications_to_schedule(meeting=meeting)
            )
            if can_manage
            else None,
            **kwargs,
        )


class MeetingScheduleView(MeetingAccessMixin, ServicePostView):
    change_perm = "trajecten.manage_meetings"
    success_message = _("The application is on the agenda.")

    def perform(self, data):
        form = ScheduleForm(
            self.request.POST,
            applications=selectors.applications_to_schedule(meeting=self.object),
        )
        if not form.is_valid():
            raise TrajectenError(_("Choose a submitted application of this programme."))
        services.meeting_schedule(
            meeting=self.object,
            application=form.cleaned_data["application"],
            actor=self.request.user,
            request=self.request,
        )

    def get_success_url(self):
        return self.object.get_absolute_url()


class DecisionView(FormView):
    """Record the committee's decision on one agenda item: a form of its own, so a refusal keeps
    the reasons that were typed."""

    template_name = "trajecten/decision_form.html"
    form_class = DecisionForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        item = selectors.agenda_items_for(user=request.user).filter(pk=kwargs["pk"]).first()
        # The rules are the meeting's: outsiders must not learn it exists (404); who sees it but
        # may not decide gets 403.
        authorise(
            request.user,
            item.meeting if item else None,
            view_perm="trajecten.view_meeting",
            change_perm="trajecten.decide",
        )
        self.object = item
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if hasattr(self.object, "decision"):
            messages.info(request, _("The committee already decided on this application."))
            return redirect(self.object.meeting)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(item=self.object, meeting=self.object.meeting, **kwargs)

    def form_valid(self, form):
        try:
            services.decision_record(
                agenda_item=self.object,
                actor=self.request.user,
                outcome=form.cleaned_data["outcome"],
                reasons=form.cleaned_data["reasons"],
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The decision is recorded. The worker is told."))
        return redirect(self.object.meeting)
