"""Residents heard: propose an activity or an idea (with or without an account), see what became
of it through a private link, the public page of answers, and the house's list and answer."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from huis.accounts.mixins import ObjectAccessMixin, PermissionRequiredMixin
from huis.core.errors import DomainError
from huis.core.ratelimit import rate_limited
from huis.core.service_views import apply_service_error

from .. import proposals_selectors as selectors
from .. import services
from ..models import Proposal
from ..proposals_forms import ProposalAnswerForm, ProposalForm

PERM = "ontmoeting.manage_programme"


@method_decorator(rate_limited("ontmoeting.propose", rate="5/m"), name="dispatch")
class ProposeView(FormView):
    """The low-threshold page: a few fields, no account needed."""

    template_name = "ontmoeting/propose.html"
    form_class = ProposalForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            mine=selectors.proposals_of(user=self.request.user), **kwargs
        )

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            _proposal, token = services.proposal_submit(
                kind=data["kind"],
                title=data["title"],
                text=data["text"],
                name=data["name"],
                user=self.request.user,
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "Thank you for your proposal. Keep this page's address: here you see what "
                "became of it."
            ),
        )
        return redirect("ontmoeting:proposal_status", token=token)


@method_decorator(rate_limited("ontmoeting.manage", rate="20/m"), name="dispatch")
class ProposalStatusView(View):
    """What became of it, through the private link; an unknown link is 404."""

    def get(self, request, token: str):
        proposal = selectors.proposal_from_token(token=token)
        if proposal is None:
            raise Http404
        return render(request, "ontmoeting/proposal_status.html", {"proposal": proposal})


class PublicProposalsView(TemplateView):
    template_name = "ontmoeting/proposals_public.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposals=selectors.public_proposals(), **kwargs)


class StaffProposalListView(PermissionRequiredMixin, TemplateView):
    permission_required = PERM
    template_name = "ontmoeting/staff/proposal_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        status = status if status in Proposal.Status.values else ""
        proposals = list(selectors.proposals_to_answer(user=self.request.user, status=status)[:100])
        return super().get_context_data(
            proposals=proposals, status=status, statuses=Proposal.Status.choices, **kwargs
        )


class StaffProposalAnswerView(PermissionRequiredMixin, ObjectAccessMixin, FormView):
    permission_required = PERM
    view_perm = PERM
    template_name = "ontmoeting/staff/proposal_answer.html"
    form_class = ProposalAnswerForm

    def get_object_queryset(self):
        return selectors.proposals_to_answer(user=self.request.user)

    def get_initial(self):
        proposal = self.object
        if proposal.status == Proposal.Status.NEW:
            return {}
        return {
            "status": proposal.status,
            "answer": proposal.answer,
            "is_public": proposal.is_public,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(proposal=self.object, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.proposal_answer(
                proposal=self.object,
                actor=self.request.user,
                status=data["status"],
                answer=data["answer"],
                is_public=data["is_public"],
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Answered. The person sees it through their link."))
        return redirect("ontmoeting:staff_proposals")
