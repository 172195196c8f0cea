"""The staff page for the walk-in count of each open session. The house's opening hours are
edited on the facts page (huis.facts, /beheer/huis/)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView

from huis.core.errors import DomainError
from huis.core.service_views import apply_service_error

from ... import selectors, services
from ...forms import WalkInForm
from ...models import WalkInTally
from .base import StaffMixin


class WalkInView(StaffMixin, FormView):
    """The house's opening hours, and the count of people who dropped in during each open
    session."""

    template_name = "ontmoeting/staff/walk_in.html"
    form_class = WalkInForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            open_hours=selectors.open_hours(),
            tallies=WalkInTally.objects.all()[:30],
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.walk_in_record(
                date=data["date"],
                opens_at=data["period"][0],
                closes_at=data["period"][1],
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
