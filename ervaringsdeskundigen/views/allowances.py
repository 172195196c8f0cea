"""The coordinators' pages of reports and allowances: reports waiting for approval, approving
one (or sending it back), an expert's yearly register and the monthly payouts."""

import datetime as dt

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from huis.audit.services import log_action
from huis.core.errors import DomainError

from .. import selectors, services
from ..forms import ApproveForm, ReturnReportForm
from ..services.errors import NeedsConfirmation
from . import exports
from .base import CoordinatorMixin, ObjectAccessMixin, ServicePostView


class ReportsView(CoordinatorMixin, View):
    def get(self, request):
        today = timezone.localdate()
        return render(
            request,
            "ervaringsdeskundigen/coordinator/reports.html",
            {
                "reports": selectors.reports_waiting(user=request.user),
                "this_month": today,
                "last_month": (today.replace(day=1) - dt.timedelta(days=1)),
            },
        )


class AssignmentAccessMixin(CoordinatorMixin, ObjectAccessMixin):
    view_perm = "ervaringsdeskundigen.view_assignment"

    def get_object_queryset(self):
        return selectors.assignments_for(user=self.request.user)


class ApproveView(AssignmentAccessMixin, ServicePostView):
    """The report with its allowance; approving it, with a box to tick when a cap or a warning
    needs a coordinator's confirmation (the page again, 409)."""

    http_method_names = ["get", "post"]
    template_name = "ervaringsdeskundigen/coordinator/approve.html"
    form_class = ApproveForm
    success_message = gettext_lazy("Approved.")

    def _context(self, form):
        try:
            quote = services.allowance_quote(assignment=self.object)
            problem = ""
        except DomainError as error:
            quote, problem = None, str(error.message)
        return {
            "assignment": self.object,
            "quote": quote,
            "problem": problem,
            "form": form,
            "return_form": ReturnReportForm(),
            "history": selectors.report_history(assignment=self.object),
        }

    def get(self, request, pk: int):
        return render(request, self.template_name, self._context(ApproveForm()))

    def get_success_url(self) -> str:
        return reverse("ervaringsdeskundigen:reports")

    def perform(self, data):
        services.assignment_approve(
            assignment=self.object, actor=self.request.user, confirm=bool(data.get("confirm"))
        )

    def refused(self, error: DomainError):
        if not isinstance(error, NeedsConfirmation):
            return super().refused(error)
        form = ApproveForm(self.request.POST)
        form.is_valid()
        form.add_error("confirm", error.message)
        return render(self.request, self.template_name, self._context(form), status=error.status)


class ReturnReportView(AssignmentAccessMixin, ServicePostView):
    """Send a report back to the expert with what to correct."""

    form_class = ReturnReportForm
    invalid_message = gettext_lazy("Say what the expert should correct.")
    success_message = gettext_lazy("The report is sent back. The expert gets an email.")

    def get_back_url(self) -> str:
        return reverse("ervaringsdeskundigen:approve", args=[self.object.pk])

    def get_success_url(self) -> str:
        return reverse("ervaringsdeskundigen:reports")

    def perform(self, data):
        services.assignment_return_report(
            assignment=self.object, actor=self.request.user, reason=data["reason"]
        )


def _year_from(value: int) -> int:
    return value if 2000 <= value <= 2100 else timezone.localdate().year


class RegisterView(CoordinatorMixin, ObjectAccessMixin, TemplateView):
    """The yearly register of one expert: each day with its amount (a page, or ?formaat=csv)."""

    view_perm = "ervaringsdeskundigen.view_expert"
    template_name = "ervaringsdeskundigen/coordinator/register.html"

    def get_object_queryset(self):
        return selectors.experts_for(user=self.request.user)

    def get(self, request, pk: int, year: int):
        expert = self.object
        year = _year_from(year)
        rows = selectors.year_register(expert=expert, year=year)
        log_action(
            actor=request.user,
            action="ervaringsdeskundigen.register.viewed",
            obj=expert,
            subject=expert.user,
            data={"year": year},
        )
        if request.GET.get("formaat") == "csv":
            return exports.register_csv(rows, filename=f"register-{pk}-{year}.csv")
        context = {
            "expert": expert,
            "year": year,
            "rows": rows,
            "totals": selectors.year_totals(expert=expert, year=year),
        }
        return render(request, self.template_name, context)


class PayoutsCsvView(CoordinatorMixin, View):
    """The monthly payout list for the administration (everything approved that month)."""

    def get(self, request, year: int, month: int):
        if not 1 <= month <= 12:
            month = timezone.localdate().month
        year = _year_from(year)
        rows = selectors.month_payouts(year=year, month=month)
        log_action(
            actor=request.user,
            action="ervaringsdeskundigen.payouts.exported",
            data={"year": year, "month": month},
        )
        return exports.payouts_csv(
            rows.iterator(chunk_size=500), filename=f"uitbetaling-{year}-{month:02d}.csv"
        )
