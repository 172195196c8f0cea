"""The CSV files coordinators download: an expert's yearly register and the monthly payouts.

Semicolon-separated with a byte-order mark (Excel in Belgium opens them as they are); every text
a person typed goes through `csv_safe`, so a name like "=HYPERLINK(...)" is never a formula.
"""

import csv
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from huis.core.csv import csv_safe

from ..models import Assignment


def _csv_response(filename: str) -> tuple[HttpResponse, "csv._writer"]:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, csv.writer(response, delimiter=";")


def _day(assignment: Assignment) -> str:
    return formats.date_format(timezone.localtime(assignment.starts_at), "SHORT_DATE_FORMAT")


def register_csv(rows: Iterable[Assignment], *, filename: str) -> HttpResponse:
    """One expert's year: each day with its amounts."""
    response, writer = _csv_response(filename)
    writer.writerow(
        [
            _("Day"),
            _("Organisation"),
            _("Flat-rate allowance"),
            _("Km"),
            _("Travel"),
            _("Real costs"),
            _("Total"),
        ]
    )
    for a in rows:
        writer.writerow(
            [
                _day(a),
                csv_safe(a.request.organisation_name),
                a.flat_amount,
                a.km_paid,
                a.km_amount,
                a.costs_amount,
                a.total_amount,
            ]
        )
    return response


def payouts_csv(rows: Iterable[Assignment], *, filename: str) -> HttpResponse:
    """Everything approved in a month, for the administration."""
    response, writer = _csv_response(filename)
    writer.writerow(
        [
            _("Expert"),
            _("Email address"),
            _("Day"),
            _("Organisation"),
            _("Hours"),
            _("Flat-rate allowance"),
            _("Km"),
            _("Travel"),
            _("Real costs"),
            _("Total"),
        ]
    )
    for a in rows:
        writer.writerow(
            [
                csv_safe(a.expert.user.display_name if a.expert else "—"),
                csv_safe(a.expert.user.email if a.expert else ""),
                _day(a),
                csv_safe(a.request.organisation_name),
                a.hours,
                a.flat_amount,
                a.km_paid,
                a.km_amount,
                a.costs_amount,
                a.total_amount,
            ]
        )
    return response
