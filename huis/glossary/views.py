"""The public glossary page and the coordinators' pages that add and change its words."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from huis.accounts.mixins import PermissionRequiredMixin
from huis.core.errors import DomainError
from huis.core.service_views import apply_service_error
from huis.core.share import share_meta

from . import selectors, services
from .forms import TermForm
from .models import Word
from .services import TermDetails


class GlossaryView(TemplateView):
    """ "Moeilijke woorden": every word of the house with its short explanation and an anchor."""

    template_name = "glossary/index.html"

    def get_context_data(self, **kwargs):
        language = get_language()
        entries = sorted(selectors.glossary().entries, key=lambda e: e.term(language).casefold())
        return super().get_context_data(
            entries=[
                {
                    "slug": e.slug,
                    "term": e.term(language),
                    "explanation": e.explanation(language),
                    "is_fallback": e.is_fallback(language) and not language.startswith("nl"),
                }
                for e in entries
            ],
            share=share_meta(
                self.request,
                title=_("Words of the house"),
                description=_("The house's own words, explained in easy language."),
            ),
            **kwargs,
        )


class TermListView(PermissionRequiredMixin, TemplateView):
    permission_required = "glossary.edit_terms"
    template_name = "glossary/manage.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(terms=selectors.words_to_edit(), **kwargs)


class TermEditView(PermissionRequiredMixin, TemplateView):
    """Add a word (no pk) or change one."""

    permission_required = "glossary.edit_terms"
    template_name = "glossary/edit.html"

    def _term(self) -> Word | None:
        pk = self.kwargs.get("pk")
        if not pk:
            return None
        try:
            return selectors.word_to_edit(pk)
        except Word.DoesNotExist as error:
            raise Http404 from error

    def get(self, request, *args, **kwargs):
        term = self._term()
        form = TermForm.for_term(term) if term else TermForm()
        return self.render_to_response(self.get_context_data(form=form, term=term))

    def post(self, request, *args, **kwargs):
        term = self._term()
        form = TermForm(request.POST)
        if form.is_valid():
            details = TermDetails(**{name: form.cleaned_data[name] for name in form.fields})
            try:
                services.term_save(actor=request.user, details=details, term=term, request=request)
            except DomainError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("Saved. Public pages explain the word now."))
                return redirect("glossary:manage")
        context = self.get_context_data(form=form, term=term)
        return self.render_to_response(context, status=400)
