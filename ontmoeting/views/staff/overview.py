"""The figures per month and year: activities, sign-ups, attendance and walk-ins."""

import datetime as dt

from django.utils import formats, timezone
from django.views.generic import TemplateView

from ... import selectors
from .base import StaffMixin


class OverviewView(StaffMixin, TemplateView):
    template_name = "ontmoeting/staff/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_year = timezone.localdate().year
        try:
            year = int(self.request.GET.get("jaar", this_year))
        except ValueError:
            year = this_year
        year = min(max(year, 2000), this_year + 1)
        months, total = selectors.overview(year=year)
        context.update(
            year=year,
            months=[(formats.date_format(dt.date(year, m.month, 1), "F"), m) for m in months],
            total=total,
            previous_year=year - 1,
            next_year=year + 1 if year < this_year + 1 else None,
        )
        return context
