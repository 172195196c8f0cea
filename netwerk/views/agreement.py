"""The person's own agreement: printed as a PDF to sign (like the portal's other PDFs: tagged,
nothing fetched from the network) and the day they signed it recorded."""

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views import View

from huis.core.pdf import PDF_VARIANT

from .. import selectors, services
from ..forms_agreement import SignedForm
from .base import ObjectAccessMixin, ServicePostView


class GuidanceAgreementAccess(ObjectAccessMixin):
    """The lead partner prints it with the person and records the signature; the other
    partners see the agreement's page, not this (403); anyone else 404."""

    view_perm = "netwerk.view_guidance"
    change_perm = "netwerk.change_guidance"

    def get_object_queryset(self):
        return selectors.guidance_with_details(user=self.request.user)


class GuidancePdfView(GuidanceAgreementAccess, View):
    def get(self, request, *args, **kwargs):
        from weasyprint import CSS, HTML

        agreement = self.object
        services.guidance_read(agreement=agreement, actor=request.user, request=request)
        html = render_to_string("netwerk/guidance_print.html", {"agreement": agreement}, request)
        stylesheet = finders.find("kwartiermaken/print.css")
        document = HTML(
            string=html, base_url=request.build_absolute_uri("/"), url_fetcher=_no_fetch
        )
        pdf = document.write_pdf(
            stylesheets=[CSS(filename=stylesheet)] if stylesheet else None,
            pdf_variant=PDF_VARIANT,
        )
        response = HttpResponse(pdf, content_type="application/pdf")
        name = slugify(agreement.person.alias)[:40] or "persoon"
        response["Content-Disposition"] = (
            f'attachment; filename="begeleidingsafspraak-{name}-{agreement.pk}.pdf"'
        )
        return response


class GuidanceSignedView(GuidanceAgreementAccess, ServicePostView):
    form_class = SignedForm
    success_message = _("The date of signing is recorded.")

    def perform(self, data: dict) -> None:
        services.guidance_record_signed(
            agreement=self.object,
            actor=self.request.user,
            signed_on=data["signed_on"],
            request=self.request,
        )

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


def _no_fetch(url: str, *args, **kwargs):
    raise ValueError(f"The PDF does not load {url}")
