"""Staff import existing course enrolments (issue #25): upload, a preview that saves nothing,
then confirm (or go back: nothing happened)."""

import csv
import io
from typing import Any

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView

from huis.core.errors import DomainError
from huis.core.service_views import apply_service_error, refuse

from .. import imports, selectors
from .staff import StaffMixin


class EnrolmentImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV or XLSX file"),
        help_text=gettext_lazy(
            "The first row names the columns: name, email, phone, language (nl, fr or en) and "
            "course (its number or its exact title)."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("submit", gettext_lazy("Show the preview")))


def _open_courses() -> list:
    return [c for c in selectors.staff_courses(term=None) if c.is_published and not c.is_over]


class EnrolmentImportView(StaffMixin, FormView):
    template_name = "herstelacademie/staff/import.html"
    form_class = EnrolmentImportForm

    def get_context_data(self, **kwargs: Any) -> dict:
        return super().get_context_data(courses=_open_courses(), **kwargs)

    def form_valid(self, form: EnrolmentImportForm) -> HttpResponse:
        upload = form.cleaned_data["file"]
        try:
            rows = imports.read_rows(upload.name, upload.read(imports.people_imports.MAX_BYTES + 1))
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        planned = imports.plan(rows)
        return render(
            self.request,
            "herstelacademie/staff/import_preview.html",
            {
                "filename": upload.name,
                "rows": planned,
                "counts": imports.counts(planned),
                "payload": imports.sign(rows),
            },
        )

    def form_invalid(self, form: EnrolmentImportForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class EnrolmentImportConfirmView(StaffMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        back = reverse("herstelacademie:enrolment_import")
        filename = request.POST.get("filename", "")[:200]
        try:
            rows = imports.unsign(request.POST.get("payload", ""))
            done = imports.enrolments_import(rows=rows, actor=request.user, filename=filename)
        except DomainError as error:
            return refuse(request, error.message, back=back)
        return render(
            request,
            "herstelacademie/staff/import_done.html",
            {"filename": filename, "rows": done, "counts": imports.counts(done)},
        )


class EnrolmentImportTemplateView(StaffMixin, View):
    """An example file to fill in: the columns, and two rows for a course that is open."""

    def get(self, request: HttpRequest) -> HttpResponse:
        courses = _open_courses()
        course = str(courses[0].pk) if courses else "12"
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(["naam", "e-mail", "gsm", "taal", "cursus"])
        writer.writerow(["Els Peeters", "els@example.org", "", "nl", course])
        writer.writerow(["Gert Claes", "", "0470 12 34 56", "nl", course])
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        name = _("enrolments") + ".csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
