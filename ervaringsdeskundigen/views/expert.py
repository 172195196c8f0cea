"""The expert's own pages: dashboard, profile and availability, answering proposals, reporting
hours after an assignment, intervision. Only for people with the expert role and a profile."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from huis.accounts.mixins import PermissionRequiredMixin
from huis.places.models import PlaceClaim

from .. import selectors, services
from ..forms import AbsenceForm, ElsewhereForm, OwnProfileForm, ReportForm
from ..models import Absence, AllowanceYear
from ..permissions import fetch_assignment, fetch_intervision
from .common import refuse


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
        services.expert_update_own(
            expert=self.expert, actor=request.user, data=form.cleaned_data, slots=form.slots()
        )
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
        services.absence_add(expert=self.expert, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Your period away is saved."))
        return redirect("ervaringsdeskundigen:own_profile")


class AbsenceDeleteView(ExpertMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        absence = Absence.objects.filter(pk=pk, expert=self.expert).first()
        if absence is None:
            return refuse(
                request,
                _("This period away does not exist (any more)."),
                back=reverse("ervaringsdeskundigen:own_profile"),
                status=404,
            )
        services.absence_delete(absence=absence, actor=request.user)
        messages.success(request, _("The period away is removed."))
        return redirect("ervaringsdeskundigen:own_profile")


class FeedRenewView(ExpertMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        services.feed_token_renew(expert=self.expert, actor=request.user)
        messages.success(
            request, _("Your calendar has a new address. The old one no longer works.")
        )
        return redirect("ervaringsdeskundigen:dashboard")


class ElsewhereView(ExpertMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        form = ElsewhereForm(request.POST)
        if not form.is_valid():
            return refuse(
                request,
                _("Fill in an amount of 0 or more."),
                back=reverse("ervaringsdeskundigen:dashboard"),
            )
        services.allowance_year_update(
            expert=self.expert,
            year=timezone.localdate().year,
            actor=request.user,
            **form.cleaned_data,
        )
        messages.success(request, _("Saved. We count it for the caps."))
        return redirect("ervaringsdeskundigen:dashboard")


class _AnswerView(ExpertMixin, View):
    """Accept or decline from the dashboard (the email's link leads to the same services)."""

    http_method_names = ["post"]
    accept = True

    def post(self, request, pk: int):
        assignment = fetch_assignment(request.user, pk, report=True)
        service = services.assignment_accept if self.accept else services.assignment_decline
        try:
            service(assignment=assignment, actor=request.user)
        except services.ExpertsError as exc:
            return refuse(request, str(exc), back=reverse("ervaringsdeskundigen:dashboard"))
        messages.success(
            request,
            _("Thank you! You accepted.") if self.accept else _("You declined. Thank you."),
        )
        return redirect("ervaringsdeskundigen:dashboard")


class MyAcceptView(_AnswerView):
    accept = True


class MyDeclineView(_AnswerView):
    accept = False


class ReportView(ExpertMixin, View):
    template_name = "ervaringsdeskundigen/report.html"

    def get(self, request, pk: int):
        assignment = fetch_assignment(request.user, pk, report=True)
        initial = {"hours": assignment.hours, "km": assignment.km, "costs": assignment.costs}
        initial["debrief"] = assignment.debrief
        form = ReportForm(initial=initial)
        return render(request, self.template_name, {"assignment": assignment, "form": form})

    def post(self, request, pk: int):
        assignment = fetch_assignment(request.user, pk, report=True)
        form = ReportForm(request.POST)
        if not form.is_valid():
            context = {"assignment": assignment, "form": form}
            return render(request, self.template_name, context, status=400)
        try:
            services.assignment_report(
                assignment=assignment, actor=request.user, **form.cleaned_data
            )
        except services.ExpertsError as exc:
            form.add_error(None, str(exc))
            context = {"assignment": assignment, "form": form}
            return render(request, self.template_name, context, status=400)
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


class IntervisionSignUpView(ExpertMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        session = fetch_intervision(request.user, pk)
        back = reverse("ervaringsdeskundigen:intervision_list")
        try:
            claim = services.intervision_sign_up(session=session, user=request.user)
        except services.ExpertsError as exc:
            return refuse(request, str(exc), back=back)
        if claim.status == PlaceClaim.Status.CONFIRMED:
            messages.success(request, _("You have a place."))
        else:
            messages.info(request, _("The session is full. You are on the waiting list."))
        return redirect(back)


class IntervisionCancelView(ExpertMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        session = fetch_intervision(request.user, pk)
        back = reverse("ervaringsdeskundigen:intervision_list")
        claim = PlaceClaim.objects.filter(
            offering_id=session.offering_id,
            user=request.user,
            status__in=["confirmed", "waiting", "offered"],
        ).first()
        if claim is None:
            return refuse(request, _("You are not signed up for this session."), back=back)
        try:
            services.intervision_cancel_sign_up(claim=claim, actor=request.user)
        except services.ExpertsError as exc:
            return refuse(request, str(exc), back=back)
        messages.success(request, _("You are signed out. Your place goes to someone else."))
        return redirect(back)
