"""The expert's own pages: dashboard, profile and availability, answering proposals, reporting
hours after an assignment, intervision. Only for people with the expert role and a profile."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from huis.core.errors import DomainError
from huis.places.models import PlaceClaim

from .. import selectors, services
from ..forms import AbsenceForm, ElsewhereForm, OwnProfileForm, ReportForm
from ..models import Absence, AllowanceYear
from ..services.errors import Gone
from .base import ObjectAccessMixin, PermissionRequiredMixin, ServicePostView, apply_service_error


class ExpertMixin(PermissionRequiredMixin):
    permission_required = "ervaringsdeskundigen.use_expert_pages"

    def has_permission(self) -> bool:
        # Administrators hold every permission, but these pages need a profile of one's own.
        self.expert = selectors.expert_for_user(user=self.request.user)
        return self.expert is not None and super().has_permission()


class DashboardView(ExpertMixin, View):
    def get(self, request):
        context = selectors.expert_dashboard(expert=self.expert)
        year = timezone.localdate().year
        expert_year = AllowanceYear.objects.filter(expert=self.expert, year=year).first()
        context.update(
            expert=self.expert,
            feed_url=request.build_absolute_uri(
                reverse("ervaringsdeskundigen:feed", args=[self.expert.feed_token])
            ),
            elsewhere_form=ElsewhereForm(
                initial={
                    "received_elsewhere": expert_year.received_elsewhere if expert_year else 0,
                    "km_elsewhere": expert_year.km_elsewhere if expert_year else 0,
                }
            ),
            mode=expert_year.get_mode_display() if expert_year else "",
        )
        return render(request, "ervaringsdeskundigen/dashboard.html", context)


class OwnProfileView(ExpertMixin, View):
    template_name = "ervaringsdeskundigen/own_profile.html"

    def _render(self, request, form, absence_form, status=200):
        expert = self.expert
        return render(
            request,
            self.template_name,
            {
                "expert": expert,
                "form": form,
                "absence_form": absence_form,
                "absences": expert.absences.filter(ends_on__gte=timezone.localdate()),
                "themes": expert.themes.all(),
                "excluded": expert.excluded_themes.all(),
                "work_kinds": expert.work_kinds.all(),
                "languages": expert.languages.all(),
            },
            status=status,
        )

    def get(self, request):
        return self._render(request, OwnProfileForm(instance=self.expert), AbsenceForm())

    def post(self, request):
        form = OwnProfileForm(request.POST, instance=self.expert)
        if not form.is_valid():
            return self._render(request, form, AbsenceForm(), status=400)
        try:
            services.expert_update_own(
                expert=self.expert, actor=request.user, slots=form.slots(), **form.own_change()
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self._render(request, form, AbsenceForm(), status=error.status)
        messages.success(request, _("Your profile is saved."))
        return redirect("ervaringsdeskundigen:own_profile")


class AbsenceAddView(ExpertMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        form = AbsenceForm(request.POST)
        if not form.is_valid():
            view = OwnProfileView()
            view.expert = self.expert
            return view._render(request, OwnProfileForm(instance=self.expert), form, status=400)
        try:
            services.absence_add(
                expert=self.expert,
                actor=request.user,
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
            )
        except DomainError as error:
            apply_service_error(form, error)
            view = OwnProfileView()
            view.expert = self.expert
            return view._render(
                request, OwnProfileForm(instance=self.expert), form, status=error.status
            )
        messages.success(request, _("Your period away is saved."))
        return redirect("ervaringsdeskundigen:own_profile")


class AbsenceDeleteView(ExpertMixin, ServicePostView):
    success_message = gettext_lazy("The period away is removed.")

    def get_success_url(self) -> str:
        return reverse("ervaringsdeskundigen:own_profile")

    def perform(self, data):
        absence = Absence.objects.filter(pk=self.kwargs["pk"], expert=self.expert).first()
        if absence is None:
            raise Gone(_("This period away does not exist (any more)."))
        services.absence_delete(absence=absence, actor=self.request.user)


class FeedRenewView(ExpertMixin, ServicePostView):
    success_message = gettext_lazy("Your calendar has a new address. The old one no longer works.")

    def get_success_url(self) -> str:
        return reverse("ervaringsdeskundigen:dashboard")

    def perform(self, data):
        services.feed_token_renew(expert=self.expert, actor=self.request.user)


class ElsewhereView(ExpertMixin, ServicePostView):
    form_class = ElsewhereForm
    invalid_message = gettext_lazy("Fill in an amount of 0 or more.")
    success_message = gettext_lazy("Saved. We count it for the caps.")

    def get_success_url(self) -> str:
        return reverse("ervaringsdeskundigen:dashboard")

    def perform(self, data):
        services.allowance_year_update(
            expert=self.expert,
            year=timezone.localdate().year,
            actor=self.request.user,
            received_elsewhere=data["received_elsewhere"],
            km_elsewhere=data["km_elsewhere"],
        )


class OwnAssignmentMixin(ExpertMixin, ObjectAccessMixin):
    """The expert's own assignment: someone else's is not found (404)."""

    view_perm = "ervaringsdeskundigen.view_assignment"
    change_perm = "ervaringsdeskundigen.report_assignment"

    def get_object_queryset(self):
        return selectors.assignments_for(user=self.request.user)


class _AnswerView(OwnAssignmentMixin, ServicePostView):
    """Accept or decline from the dashboard (the email's link leads to the same services)."""

    def get_success_url(self) -> str:
        return reverse("ervaringsdeskundigen:dashboard")


class MyAcceptView(_AnswerView):
    success_message = gettext_lazy("Thank you! You accepted.")

    def perform(self, data):
        services.assignment_accept(assignment=self.object, actor=self.request.user)


class MyDeclineView(_AnswerView):
    success_message = gettext_lazy("You declined. Thank you.")

    def perform(self, data):
        services.assignment_decline(assignment=self.object, actor=self.request.user)


class ReportView(OwnAssignmentMixin, View):
    template_name = "ervaringsdeskundigen/report.html"

    def get(self, request, pk: int):
        assignment = self.object
        initial = {"hours": assignment.hours, "km": assignment.km, "costs": assignment.costs}
        initial["debrief"] = assignment.debrief
        form = ReportForm(initial=initial)
        return render(request, self.template_name, {"assignment": assignment, "form": form})

    def post(self, request, pk: int):
        assignment = self.object
        form = ReportForm(request.POST)
        if not form.is_valid():
            context = {"assignment": assignment, "form": form}
            return render(request, self.template_name, context, status=400)
        data = form.cleaned_data
        try:
            services.assignment_report(
                assignment=assignment,
                actor=request.user,
                hours=data["hours"],
                km=data["km"],
                costs=data["costs"],
                debrief=data["debrief"],
            )
        except DomainError as error:
            apply_service_error(form, error)
            context = {"assignment": assignment, "form": form}
            return render(request, self.template_name, context, status=error.status)
        messages.success(request, _("Thank you! A coordinator approves your report."))
        return redirect("ervaringsdeskundigen:dashboard")


class IntervisionListView(PermissionRequiredMixin, View):
    permission_required = "ervaringsdeskundigen.view_intervision"

    def get(self, request):
        sessions = selectors.intervision_sessions(user=request.user)
        return render(
            request,
            "ervaringsdeskundigen/intervision_list.html",
            {
                "sessions": sessions,
                "can_sign_up": request.user.has_perm("ervaringsdeskundigen.use_expert_pages"),
            },
        )


class IntervisionAccessMixin(ExpertMixin, ObjectAccessMixin):
    view_perm = "ervaringsdeskundigen.view_intervision"

    def get_object_queryset(self):
        return selectors.intervision_for(user=self.request.user)

    def get_success_url(self) -> str:
        return reverse("ervaringsdeskundigen:intervision_list")


class IntervisionSignUpView(IntervisionAccessMixin, ServicePostView):
    def perform(self, data):
        claim = services.intervision_sign_up(session=self.object, user=self.request.user)
        if claim.status == PlaceClaim.Status.CONFIRMED:
            self.success_message = _("You have a place.")
        else:
            messages.info(self.request, _("The session is full. You are on the waiting list."))


class IntervisionCancelView(IntervisionAccessMixin, ServicePostView):
    success_message = gettext_lazy("You are signed out. Your place goes to someone else.")

    def perform(self, data):
        claim = PlaceClaim.objects.filter(
            offering_id=self.object.offering_id,
            user=self.request.user,
            status__in=["confirmed", "waiting", "offered"],
        ).first()
        if claim is None:
            raise services.ExpertsError(_("You are not signed up for this session."))
        services.intervision_cancel_sign_up(claim=claim, actor=self.request.user)
