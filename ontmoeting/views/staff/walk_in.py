"""Staff pages for the open hours of the house and the walk-in count of each open session."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from huis.accounts.mixins import ObjectAccessMixin
from huis.core.errors import DomainError
from huis.core.service_views import apply_service_error

from ... import selectors, services
from ...forms import OpenHoursForm, WalkInForm
from ...models import OpenHours, WalkInTally
from .base import PERM, StaffMixin


class WalkInView(StaffMixin, FormView):
    """Open hours, and the count of people who dropped in during each open session."""

    template_name = "ontmoeting/staff/walk_in.html"
    form_class = WalkInForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            open_hours=OpenHours.objects.select_related("room").all(),
            tallies=WalkInTally.objects.select_related("open_hours")[:30],
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.walk_in_record(
                open_hours=data["open_hours"],
                date=data["date"],
                count=data["count"],
                note=data.get("note", ""),
                actor=self.request.user,
            )
        except DomainError as exc:
            apply_service_error(form, exc)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, _("Saved. Thank you."))
        return redirect("ontmoeting:walk_in")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class _OpenHoursFormView(FormView):
    template_name = "ontmoeting/staff/open_hours_form.html"
    form_class = OpenHoursForm

    def form_valid(self, form):
        try:
            services.open_hours_save(hours=form.instance, actor=self.request.user)
        except DomainError as exc:
            apply_service_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect("ontmoeting:walk_in")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OpenHoursCreateView(StaffMixin, _OpenHoursFormView):
    pass


class OpenHoursUpdateView(StaffMixin, ObjectAccessMixin, _OpenHoursFormView):
    """The open hours in the address; unknown -> 404."""

    view_perm = PERM

    def get_object_queryset(self):
        return selectors.open_hours_to_manage(user=self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}
