"""The report as a tagged PDF (PDF/UA-1, like the portal's other PDFs): charts drawn as
vectors with their numbers beside them, a definition beside every figure, small counts "<5"."""

from django.template.loader import render_to_string
from django.utils import timezone

from huis.core.pdf import PDF_VARIANT

from .build import Report
from .present import present


def report_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    context = present(report, suppress=True)
    context["made_on"] = timezone.localdate()
    html = render_to_string("core/report/pdf.html", context)
    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)
