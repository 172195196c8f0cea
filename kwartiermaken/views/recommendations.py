"""Policy recommendations: coordinators bundle signals, send, record the answer and the outcome;
a printable page and a PDF for the meeting."""

from django.contrib import messages
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from huis.core.errors import DomainError
from huis.core.pdf import PDF_VARIANT

from .. import selectors, services
from ..forms import AnswerForm, DecideForm, RecommendationForm
from ..models import PolicyRecommendation
from ..services import KwartiermakenError
from .base import ObjectAccessMixin, PermissionRequiredMixin, ServicePostView, apply_service_error

PERM = "kwartiermaken.manage_recommendations"
Status = PolicyRecommendation.Status


class RecommendationListView(PermissionRequiredMixin, TemplateView):
    permission_required = PERM
    template_name = "kwartiermaken/recommendation_list.html"

    def get_context_data(self, **kwargs):
        status = self.request.GET.get("status", "")
        status = status if status in Status.values else ""
        return super().get_context_data(
            recommendations=list(
                selectors.recommendations_for(user=self.request.user, status=status)[:200]
            ),
            status=status,
            statuses=Status.choices,
            **kwargs,
        )


class RecommendationAccessMixin(ObjectAccessMixin):
    view_perm = PERM

    def get_object_queryset(self):
        return selectors.recommendations_for(user=self.request.user)


class RecommendationFormMixin(PermissionRequiredMixin):
    permission_required = PERM
    template_name = "kwartiermaken/recommendation_form.html"
    form_class = RecommendationForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "signals": selectors.signals_to_bundle(
                user=self.request.user, recommendation=getattr(self, "object", None)
            ),
        }


class RecommendationCreateView(RecommendationFormMixin, FormView):
    def form_valid(self, form):
        recommendation = services.recommendation_create(
            actor=self.request.user,
            signals=form.cleaned_data["signals"],
            request=self.request,
            details=form.details(),
        )
        messages.success(self.request, _("The draft is saved."))
        return redirect(recommendation)


class RecommendationUpdateView(RecommendationAccessMixin, RecommendationFormMixin, FormView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(recommendation=self.object, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.object.status != Status.DRAFT:
            messages.info(request, _("Only a draft can be changed. This one was already sent."))
            return redirect(self.object)
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            recommendation = services.recommendation_update(
                recommendation=self.object,
                actor=self.request.user,
                signals=form.cleaned_data["signals"],
                request=self.request,
                details=form.details(),
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(recommendation)


class RecommendationDetailView(RecommendationAccessMixin, TemplateView):
    template_name = "kwartiermaken/recommendation_detail.html"

    def get_context_data(self, **kwargs):
        recommendation = self.object
        next_steps = services.TRANSITIONS[recommendation.status]
        return super().get_context_data(
            recommendation=recommendation,
            evidence=selectors.recommendation_evidence(recommendation=recommendation),
            can_send=Status.SENT in next_steps,
            can_answer=Status.ANSWERED in next_steps,
            can_decide=Status.IMPLEMENTED in next_steps,
            answer_form=AnswerForm() if Status.ANSWERED in next_steps else None,
            **kwargs,
        )


class RecommendationSendView(RecommendationAccessMixin, ServicePostView):
    success_message = _("Marked as sent.")

    def perform(self, data: dict) -> None:
        services.recommendation_send(
            recommendation=self.object, actor=self.request.user, request=self.request
        )

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class RecommendationAnswerView(RecommendationAccessMixin, FormView):
    """Record the answer received: a form of its own, so a mistake keeps what was typed."""

    template_name = "kwartiermaken/recommendation_answer.html"
    form_class = AnswerForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(recommendation=self.object, **kwargs)

    def form_valid(self, form):
        try:
            services.recommendation_record_answer(
                recommendation=self.object,
                actor=self.request.user,
                answer=form.cleaned_data["answer"],
                answered_on=form.cleaned_data["answered_on"],
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The answer is saved."))
        return redirect(self.object)


class RecommendationDecideView(RecommendationAccessMixin, ServicePostView):
    def perform(self, data: dict) -> None:
        form = DecideForm(self.request.POST)
        if not form.is_valid():
            raise KwartiermakenError(_("Choose implemented or rejected."))
        recommendation = services.recommendation_decide(
            recommendation=self.object,
            actor=self.request.user,
            outcome=form.cleaned_data["outcome"],
            request=self.request,
        )
        self.success_message = _("The status is now “%(status)s”.") % {
            "status": recommendation.get_status_display()
        }

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class RecommendationPrintView(RecommendationAccessMixin, TemplateView):
    """A page to print (or save as PDF from the browser): the recommendation and its evidence."""

    template_name = "kwartiermaken/recommendation_print.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recommendation=self.object,
            evidence=selectors.recommendation_evidence(recommendation=self.object),
            **kwargs,
        )


class RecommendationPdfView(RecommendationAccessMixin, View):
    """The same page as a PDF, drawn by WeasyPrint on the server."""

    def get(self, request, *args, **kwargs):
        from weasyprint import CSS, HTML

        context = {
            "recommendation": self.object,
            "evidence": selectors.recommendation_evidence(recommendation=self.object),
            "for_pdf": True,
        }
        html = render_to_string("kwartiermaken/recommendation_print.html", context, request)
        stylesheet = finders.find("kwartiermaken/print.css")
        # Nothing is fetched over the network: the stylesheet is read from disk above.
        document = HTML(
            string=html, base_url=request.build_absolute_uri("/"), url_fetcher=_no_fetch
        )
        pdf = document.write_pdf(
            stylesheets=[CSS(filename=stylesheet)] if stylesheet else None, pdf_variant=PDF_VARIANT
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        name = slugify(self.object.title)[:60] or "aanbeveling"
        response["Content-Disposition"] = f'attachment; filename="beleidsaanbeveling-{name}.pdf"'
        return response


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"The PDF does not load {url}")
