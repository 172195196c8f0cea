"""The coordinators' pages of the pool of experts: the list, one profile, editing it, making a
profile for someone with the expert role, and how the expert is paid this year."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from huis.audit.services import log_action
from huis.core.errors import DomainError

from .. import selectors, services
from ..forms import AllowanceModeForm, ExpertCreateForm, ExpertForm
from ..models import AllowanceYear
from .base import CoordinatorMixin, ObjectAccessMixin, ServicePostView, apply_service_error


def audit_profile_read(request, expert, *, page: str) -> None:
    """An expert's profile is sensitive: every read by someone other than the expert is in the
    audit trail (issue 10)."""
    if expert.user_id == request.user.pk:
        return
    log_action(
        actor=request.user,
        action="ervaringsdeskundigen.profile_viewed",
        obj=expert,
        subject=expert.user,
        data={"page": page},
    )


class ExpertAccessMixin(CoordinatorMixin, ObjectAccessMixin):
    view_perm = "ervaringsdeskundigen.view_expert"

    def get_object_queryset(self):
        return selectors.experts_for(user=self.request.user)


class ExpertListView(CoordinatorMixin, View):
    def get(self, request):
        return render(
            request,
            "ervaringsdeskundigen/coordinator/experts.html",
            {"experts": selectors.experts_list(user=request.user)},
        )


class ExpertDetailView(ExpertAccessMixin, TemplateView):
    template_name = "ervaringsdeskundigen/coordinator/expert.html"

    def get_context_data(self, **kwargs):
        expert = self.object
        audit_profile_read(self.request, expert, page="detail")
        year = timezone.localdate().year
        expert_year = AllowanceYear.objects.filter(expert=expert, year=year).first()
        return {
            "expert": expert,
            "year": year,
            "totals": selectors.year_totals(expert=expert, year=year),
            "mode_form": AllowanceModeForm(
                initial={"mode": expert_year.mode if expert_year else "flat"}
            ),
            "availability": expert.availability.all(),
            "absences": expert.absences.filter(ends_on__gte=timezone.localdate()),
            "assignments": expert.assignments.select_related("request").order_by("-starts_at")[:20],
        }


class ExpertUpdateView(ExpertAccessMixin, View):
    change_perm = "ervaringsdeskundigen.change_expert"
    template_name = "ervaringsdeskundigen/coordinator/expert_form.html"

    def _render(self, form, status: int = 200):
        context = {"expert": self.object, "form": form}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk: int):
        audit_profile_read(request, self.object, page="edit")
        return self._render(ExpertForm(instance=self.object))

    def post(self, request, pk: int):
        form = ExpertForm(request.POST, instance=self.object)
        if not form.is_valid():
            return self._render(form, status=400)
        try:
            services.expert_update(expert=self.object, actor=request.user, change=form.change())
        except DomainError as error:
            apply_service_error(form, error)
            return self._render(form, status=error.status)
        messages.success(request, _("The profile is saved."))
        return redirect("ervaringsdeskundigen:expert_detail", pk=pk)


class ExpertCreateView(CoordinatorMixin, View):
    template_name = "ervaringsdeskundigen/coordinator/expert_create.html"

    def get(self, request):
        return render(request, self.template_name, {"form": ExpertCreateForm()})

    def post(self, request):
        form = ExpertCreateForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        try:
            expert = services.expert_create(user=form.cleaned_data["user"], actor=request.user)
        except DomainError as error:
            form.add_error("user", error.message)
            return render(request, self.template_name, {"form": form}, status=error.status)
        messages.success(request, _("The profile is made. Fill it in together with the expert."))
        return redirect("ervaringsdeskundigen:expert_update", pk=expert.pk)


class AllowanceModeView(ExpertAccessMixin, ServicePostView):
    change_perm = "ervaringsdeskundigen.change_expert"
    form_class = AllowanceModeForm
    invalid_message = gettext_lazy("Choose how the expert is paid.")
    success_message = gettext_lazy("Saved.")

    def get_success_url(self) -> str:
        return reverse("ervaringsdeskundigen:expert_detail", args=[self.object.pk])

    def perform(self, data):
        services.allowance_year_update(
            expert=self.object,
            year=timezone.localdate().year,
            actor=self.request.user,
            mode=data["mode"],
        )
