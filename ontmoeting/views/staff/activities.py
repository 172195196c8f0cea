"""Staff pages for the programme: the list, plan and change an activity or series, its page,
publish, cancel, and the walk-in count of an activity without sign-up."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView

from huis.audit.services import log_read_of_people
from huis.core.cursors import make_cursor, parse_cursor
from huis.core.errors import DomainError
from huis.core.registry import staff_of
from huis.core.service_views import apply_service_error

from ... import selectors, services
from ...forms import ActivityForm, ActivityWalkInForm, OptionalReasonForm, ReasonForm
from ...models import Activity
from .base import ActivityToManageMixin, StaffMixin, StaffPostView


class StaffListView(StaffMixin, TemplateView):
    template_name = "ontmoeting/staff/list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        show_past = self.request.GET.get("voorbij") == "1"
        rows, has_more = selectors.staff_activities(
            show_past=show_past, after=parse_cursor(self.request.GET.get("na", ""))
        )
        next_url = ""
        if has_more:
            query = self.request.GET.copy()
            query["na"] = make_cursor(rows[-1].starts_at, rows[-1].pk)
            next_url = "?" + query.urlencode()
        context.update(activities=rows, show_past=show_past, next_url=next_url)
        return context


class ActivityCreateView(StaffMixin, FormView):
    template_name = "ontmoeting/staff/form.html"
    form_class = ActivityForm

    def form_valid(self, form):
        try:
            activity = services.activity_create(
                data=form.to_data(),
                actor=self.request.user,
                repeat_weekly_until=form.cleaned_data.get("repeat_weekly_until"),
            )
        except DomainError as exc:
            apply_service_error(form, exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, _("Saved as a draft. Publish it when it is ready."))
        return redirect("ontmoeting:staff_activity", pk=activity.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ActivityUpdateView(ActivityToManageMixin, FormView):
    template_name = "ontmoeting/staff/form.html"
    form_class = ActivityForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.activity}

    def get_context_data(self, **kwargs):
        return super().get_context_data(activity=self.activity, **kwargs)

    def form_valid(self, form):
        activity = Activity.objects.get(pk=self.activity.pk)  # the form changed the instance
        try:
            changed = services.activity_update(
                activity=activity,
                data=form.to_data(),
                actor=self.request.user,
                scope=form.cleaned_data.get("scope") or "one",
            )
        except DomainError as exc:
            apply_service_error(form, exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if len(changed) > 1:
            messages.success(self.request, _("Saved (%(n)s dates).") % {"n": len(changed)})
        else:
            messages.success(self.request, _("Saved."))
        return redirect("ontmoeting:staff_activity", pk=activity.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class StaffActivityView(ActivityToManageMixin, TemplateView):
    template_name = "ontmoeting/staff/activity.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        activity = self.activity
        claims = selectors.claims_of(activity=activity)
        log_read_of_people(
            actor=self.request.user,
            action="ontmoeting.sign_ups_viewed",
            obj=activity,
            subject_ids=[c.user_id for group in claims.values() for c in group],
            request=self.request,
        )
        context.update(
            activity=activity,
            claims=claims,
            cancel_form=OptionalReasonForm(),
            move_up_form=ReasonForm(),
            walk_in_form=ActivityWalkInForm(initial={"count": activity.walk_in_count}),
            feedback=selectors.feedback_for(activity=activity),
            volunteers=staff_of(activity),
        )
        return context


class PublishView(ActivityToManageMixin, StaffPostView):
    success_message = gettext_lazy("Published. It is in the agenda now.")

    def perform(self, data: dict) -> None:
        services.activity_publish(activity=self.activity, actor=self.request.user)


class CancelActivityView(ActivityToManageMixin, StaffPostView):
    form_class = OptionalReasonForm
    invalid_message = gettext_lazy("The reason is too long.")
    success_message = gettext_lazy("Cancelled. Everyone who signed up gets a message.")

    def perform(self, data: dict) -> None:
        services.activity_cancel(
            activity=self.activity, actor=self.request.user, reason=data["reason"]
        )


class ActivityWalkInsView(ActivityToManageMixin, StaffPostView):
    form_class = ActivityWalkInForm
    invalid_message = gettext_lazy("Give a number of 0 or more.")
    success_message = gettext_lazy("Saved.")

    def perform(self, data: dict) -> None:
        services.activity_record_walk_ins(
            activity=self.activity, count=data["count"], actor=self.request.user
        )
