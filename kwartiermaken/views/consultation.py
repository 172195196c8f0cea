"""Residents heard in a policy recommendation: record a consultation, add or remove a quote."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from huis.core.errors import DomainError

from .. import selectors, services
from ..forms_consultation import ConsultationForm, QuoteForm
from ..models import ResidentQuote
from .base import ObjectAccessMixin, ServicePostView, apply_service_error
from .recommendations import RecommendationAccessMixin


class _FormOnRecommendation(RecommendationAccessMixin, FormView):
    template_name = "kwartiermaken/consultation_form.html"
    success_message = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(recommendation=self.object, **kwargs)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        try:
            self.save(form)
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.object)


class ConsultationCreateView(_FormOnRecommendation):
    form_class = ConsultationForm
    success_message = _("Recorded: residents were consulted.")
    extra_context = {"title": _("Residents consulted")}

    def save(self, form) -> None:
        services.consultation_record(
            recommendation=self.object,
            actor=self.request.user,
            details=form.details(),
            request=self.request,
        )


class QuoteCreateView(_FormOnRecommendation):
    form_class = QuoteForm
    success_message = _("The quote is added.")
    extra_context = {"title": _("Quote a resident")}

    def save(self, form) -> None:
        data = form.cleaned_data
        services.quote_add(
            recommendation=self.object,
            actor=self.request.user,
            text=data["text"],
            who=data["who"],
            consent_given=data["consent_given"],
            request=self.request,
        )


class QuoteRemoveView(ObjectAccessMixin, ServicePostView):
    view_perm = "kwartiermaken.manage_recommendations"
    success_message = _("The quote is removed.")

    def get_object_queryset(self):
        return ResidentQuote.objects.filter(
            recommendation__in=selectors.recommendations_for(user=self.request.user)
        ).select_related("recommendation")

    def perform(self, data: dict) -> None:
        services.quote_remove(quote=self.object, actor=self.request.user, request=self.request)

    def get_success_url(self) -> str:
        return self.object.recommendation.get_absolute_url()
