"""PDFs of the Recovery College (the programme of a term, a participation certificate)."""

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from huis.core.pdf import PDF_VARIANT


def pdf_response(request: HttpRequest, template: str, context: dict, *, filename: str):
    """Render `template` to a PDF with WeasyPrint. Static files are read from disk by URL."""
    from weasyprint import HTML

    html = render_to_string(template, context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(
        pdf_variant=PDF_VARIANT
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
