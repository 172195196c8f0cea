"""Staff import a list of people: upload, preview, import, undo (issue #25)."""

from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from huis.core.errors import DomainError
from huis.core.service_views import apply_service_error, refuse

from . import imports
from .mixins import PermissionRequiredMixin
from .models import ImportBatch

PERM = "accounts.import_people"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=gettext_lazy(
            "The first row names the columns: name, email, phone, language (nl, fr or en)."
        ),
    )
    invite = forms.TypedChoiceField(
        label=gettext_lazy("Message to the new people"),
        choices=[
            ("0", gettext_lazy("No message at all")),
            ("1", gettext_lazy("A welcome message with how to log in")),
        ],
        coerce=lambda value: value == "1",
        initial="0",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", gettext_lazy("Show the preview")))


class ImportView(PermissionRequiredMixin, FormView):
    permission_required = PERM
    template_name = "accounts/import.html"
    form_class = ImportForm

    def get_context_data(self, **kwargs: Any) -> dict:
        recent = ImportBatch.objects.select_related("created_by")[:10]
        return super().get_context_data(recent=recent, **kwargs)

    def form_valid(self, form: ImportForm) -> HttpResponse:
        upload = form.cleaned_data["file"]
        try:
            batch = imports.import_preview(
                filename=upload.name,
                content=upload.read(imports.MAX_BYTES + 1),
                invite=form.cleaned_data["invite"],
                actor=self.request.user,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return redirect("people:import_batch", pk=batch.pk)

    def form_invalid(self, form: ImportForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ImportBatchView(PermissionRequiredMixin, TemplateView):
    permission_required = PERM
    template_name = "accounts/import_batch.html"

    def get_context_data(self, **kwargs: Any) -> dict:
        batch = get_object_or_404(ImportBatch, pk=kwargs["pk"])
        undo_until = (
            batch.committed_at + imports.UNDO_WITHIN if batch.committed_at is not None else None
        )
        return super().get_context_data(
            batch=batch,
            counts=imports.counts(batch),
            skipped=[row for row in batch.rows if row["action"] == "skip"],
            changes=[row for row in batch.rows if row["action"] != "skip"][:200],
            may_undo=batch.status == "committed" and undo_until > timezone.now(),
            undo_until=undo_until,
            **kwargs,
        )


class _BatchPostView(PermissionRequiredMixin, View):
    permission_required = PERM
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        batch = get_object_or_404(ImportBatch, pk=pk)
        back = reverse("people:import_batch", kwargs={"pk": pk})
        try:
            self.perform(batch)
        except DomainError as error:
            return refuse(request, error.message, back=back)
        return redirect(back)


class ImportCommitView(_BatchPostView):
    def perform(self, batch: ImportBatch) -> None:
        batch = imports.import_commit(batch=batch, actor=self.request.user)
        messages.success(
            self.request,
            _("Imported: %(created)s new, %(updated)s completed.")
            % {"created": len(batch.created), "updated": len(batch.updated)},
        )


class ImportUndoView(_BatchPostView):
    def perform(self, batch: ImportBatch) -> None:
        imports.import_undo(batch=batch, actor=self.request.user)
        messages.success(self.request, _("The import is undone."))
