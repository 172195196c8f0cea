"""The coordinators' pages of intervision: planning a session, and who was there."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from huis.core.errors import DomainError
from huis.core.service_views import apply_service_error, int_or_none
from huis.places.models import PlaceClaim

from .. import selectors, services
from ..forms import IntervisionCallOffForm, IntervisionForm, IntervisionMomentForm
from .base import CoordinatorMixin, ObjectAccessMixin, ServicePostView


class IntervisionCreateView(CoordinatorMixin, View):
    template_name = "ervaringsdeskundigen/coordinator/intervision_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": IntervisionForm()})

    def post(self, request):
        form = IntervisionForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        starts_at, ends_at = form.moments()
        data = form.cleaned_data
        try:
            services.intervision_create(
                title=data["title"],
                starts_at=starts_at,
                ends_at=ends_at,
                capacity=data["capacity"],
                place=data["place"],
                room=data["room"],
                description=data["description"],
                actor=request.user,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return render(request, self.template_name, {"form": form}, status=error.status)
        messages.success(request, _("The session is planned. Experts can sign up."))
        return redirect("ervaringsdeskundigen:intervision_list")


class IntervisionAttendanceView(CoordinatorMixin, ObjectAccessMixin, ServicePostView):
    """Who signed up, and a POST per person to note whether they came."""

    http_method_names = ["get", "post"]
    view_perm = "ervaringsdeskundigen.view_intervision"
    template_name = "ervaringsdeskundigen/coordinator/intervision_attendance.html"
    success_message = gettext_lazy("Saved.")

    def get_object_queryset(self):
        return selectors.intervision_for(user=self.request.user)

    def _claims(self):
        return list(
            PlaceClaim.objects.filter(offering_id=self.object.offering_id)
            .exclude(status__in=["cancelled", "lapsed"])
            .order_by("status", "rank", "id")
        )

    def get(self, request, pk: int):
        return render(
            request, self.template_name, {"session": self.object, "claims": self._claims()}
        )

    def get_success_url(self) -> str:
        return reverse("ervaringsdeskundigen:intervision_attendance", args=[self.object.pk])

    def perform(self, data):
        claim = PlaceClaim.objects.filter(
            offering_id=self.object.offering_id,
            pk=int_or_none(self.request.POST.get("claim")),
        ).first()
        if claim is None:
            raise services.ExpertsError(_("Choose a person from the list."), field="claim")
        services.intervision_attendance(
            claim=claim, attendance=self.request.POST.get("attendance", ""), actor=self.request.user
        )


class _IntervisionChangeView(CoordinatorMixin, ObjectAccessMixin, View):
    """A coordinator changes a planned session: the experts signed up or waiting are told once
    (the services tell them through the core's change notices)."""

    view_perm = "ervaringsdeskundigen.view_intervision"
    template_name: str
    form_class: type

    def get_object_queryset(self):
        return selectors.intervision_for(user=self.request.user)

    def initial(self) -> dict:
        return {}

    def _render(self, form, status: int = 200):
        return render(
            self.request,
            self.template_name,
            {"session": self.object, "form": form},
            status=status,
        )

    def get(self, request, pk: int):
        return self._render(self.form_class(initial=self.initial()))

    def post(self, request, pk: int):
        form = self.form_class(request.POST)
        if not form.is_valid():
            return self._render(form, status=400)
        try:
            message = self.change(form)
        except DomainError as error:
            apply_service_error(form, error)
            return self._render(form, status=error.status)
        messages.success(request, message)
        return redirect("ervaringsdeskundigen:intervision_list")


class IntervisionMoveView(_IntervisionChangeView):
    template_name = "ervaringsdeskundigen/coordinator/intervision_move.html"
    form_class = IntervisionMomentForm

    def initial(self) -> dict:
        session = self.object
        start = timezone.localtime(session.starts_at)
        return {
            "date": start.date(),
            "start": start.time(),
            "end": timezone.localtime(session.ends_at).time(),
            "room": session.room_id,
            "place": session.place,
        }

    def change(self, form) -> str:
        starts_at, ends_at = form.moments()
        services.intervision_move(
            session=self.object,
            starts_at=starts_at,
            ends_at=ends_at,
            actor=self.request.user,
            place=form.cleaned_data["place"],
            room=form.cleaned_data["room"],
        )
        return _("The session is moved. Everyone signed up or waiting is told.")


class IntervisionCallOffView(_IntervisionChangeView):
    template_name = "ervaringsdeskundigen/coordinator/intervision_call_off.html"
    form_class = IntervisionCallOffForm

    def change(self, form) -> str:
        services.intervision_cancel(
            session=self.object, actor=self.request.user, reason=form.cleaned_data["reason"]
        )
        return _("The session is cancelled. Everyone signed up or waiting is told.")
