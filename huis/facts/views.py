"""The public contact page and the staff page that edits the house's facts."""

import json

from django.conf import settings
from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from huis.accounts.mixins import PermissionRequiredMixin
from huis.core.errors import DomainError
from huis.core.phone import display_phone_number
from huis.core.service_views import apply_service_error
from huis.core.share import share_meta

from . import hours, selectors, services
from .forms import ClosureFormSet, FactsForm, format_periods
from .models import OpeningPeriod
from .schema import postal_address
from .selectors import Facts, house_facts
from .services import FactsDetails

DAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def _contact_json_ld(facts: Facts) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": ["Organization", "Place"],
        "name": facts.name,
        "url": settings.SITE_URL + reverse("core:home"),
        "address": postal_address(facts),
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": f"https://schema.org/{OpeningPeriod.Weekday(w).name.title()}",
                "opens": f"{o:%H:%M}",
                "closes": f"{c:%H:%M}",
            }
            for w, o, c in facts.periods
        ],
    }
    if facts.phone:
        data["telephone"] = facts.phone
    if facts.email:
        data["email"] = facts.email
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_json_script_escapes))


class ContactView(TemplateView):
    """ "Contact en route": where the house is, how to get in, when it is open."""

    template_name = "facts/contact.html"

    def get_context_data(self, **kwargs):
        facts = house_facts()
        now = timezone.now()
        today = timezone.localdate(now)
        return super().get_context_data(
            facts=facts,
            status=hours.status_at(facts, now),
            week=hours.week(facts, today),
            closures=hours.coming_closures(facts, today),
            json_ld=_contact_json_ld(facts),
            share=share_meta(
                self.request,
                title=_("Contact and route"),
                description=" · ".join(
                    p for p in (facts.name, facts.street_line, facts.town_line) if p
                ),
            ),
            **kwargs,
        )


class FactsEditView(PermissionRequiredMixin, TemplateView):
    permission_required = "facts.edit_facts"
    template_name = "facts/edit.html"

    def _initial(self) -> tuple[dict, list[dict]]:
        row = selectors.facts_to_edit()
        initial = {name: getattr(row, name) for name in FactsDetails.__dataclass_fields__}
        initial["phone"] = display_phone_number(row.phone)
        periods = list(OpeningPeriod.objects.all())
        for value, _label in OpeningPeriod.Weekday.choices:
            initial[f"hours_{value}"] = format_periods(
                [(p.opens_at, p.closes_at) for p in periods if p.weekday == value]
            )
        closures = [{"date": c.date, "reason": c.reason} for c in selectors.closures_to_edit()]
        return initial, closures

    def get(self, request, *args, **kwargs):
        initial, closures = self._initial()
        form = FactsForm(initial=initial)
        formset = ClosureFormSet(initial=closures, prefix="closures")
        return self.render_to_response(self.get_context_data(form=form, formset=formset))

    def post(self, request, *args, **kwargs):
        _initial, closures = self._initial()
        form = FactsForm(request.POST)
        formset = ClosureFormSet(request.POST, initial=closures, prefix="closures")
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            kept = [
                (f.cleaned_data["date"], f.cleaned_data["reason"].strip())
                for f in formset
                if f.cleaned_data.get("date") and not f.cleaned_data.get("remove")
            ]
            details = FactsDetails(
                **{name: data[name].strip() for name in FactsDetails.__dataclass_fields__}
            )
            try:
                services.facts_update(
                    actor=request.user,
                    details=details,
                    periods=data["periods"],
                    closures=kept,
                    request=request,
                )
            except DomainError as error:
                apply_service_error(form, error)
            else:
                messages.success(request, _("Saved. Visitors see the new facts now."))
                return redirect("facts:edit")
        context = self.get_context_data(form=form, formset=formset)
        return self.render_to_response(context, status=400)
