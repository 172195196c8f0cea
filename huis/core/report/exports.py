"""The report as a workbook (one sheet per function and one of definitions) and as CSV.

Both leave the house: counts of fewer than five people are written "<5" (figures.exported).
The definitions are the same texts the PDF prints beside each figure.
"""

import csv
import io
import re

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from huis.core.csv import csv_safe

from .build import Report
from .figures import SMALL, exported


def _period_text(report: Report) -> str:
    return f"{report.period.start.isoformat()} – {report.period.end.isoformat()}"


def _sheet_title(text: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", "", text)[:31] or "Sheet"
    base, n = title, 2
    while title in used:
        title = f"{base[:28]} {n}"
        n += 1
    used.add(title)
    return title


def workbook(report: Report) -> bytes:
    book = Workbook()
    bold = Font(bold=True)
    summary = book.active
    summary.title = _sheet_title(_("Summary"), used := set())
    summary.append([_("Yearly report"), _("Huis met vele kamers")])
    summary.append([_("Period"), _period_text(report)])
    summary.append(
        [_("Different people (all functions)"), exported(report.unique_people, people=True)]
    )
    summary.append(
        [
            _("Small counts"),
            _("Counts of fewer than %(n)s people are shown as '<%(n)s'.") % {"n": SMALL},
        ]
    )
    summary["A1"].font = Font(bold=True, size=14)
    definitions = []
    for section in report.sections:
        sheet = book.create_sheet(_sheet_title(section.title, used))
        sheet.append([_("Figure"), _("Number"), _("Definition")])
        for cell in sheet[1]:
            cell.font = bold
        for figure in section.figures:
            sheet.append(
                [
                    csv_safe(figure.label),
                    exported(figure.value, people=figure.people),
                    csv_safe(figure.definition),
                ]
            )
            definitions.append((section.title, figure.label, figure.definition))
        for chart in section.charts:
            sheet.append([])
            sheet.append([csv_safe(chart.title)])
            sheet.cell(row=sheet.max_row, column=1).font = bold
            for row in chart.rows:
                sheet.append([csv_safe(row.label), exported(row.value, people=chart.people)])
        sheet.column_dimensions["A"].width = 42
        sheet.column_dimensions["B"].width = 12
        sheet.column_dimensions["C"].width = 90
        for (cell,) in sheet.iter_rows(min_col=3, max_col=3):
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet = book.create_sheet(_sheet_title(_("Definitions"), used))
    sheet.append([_("Function"), _("Figure"), _("Definition")])
    for cell in sheet[1]:
        cell.font = bold
    for row in definitions:
        sheet.append([csv_safe(text) for text in row])
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 42
    sheet.column_dimensions["C"].width = 90
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def csv_text(report: Report) -> str:
    """One row per figure: function, figure, number, definition."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")  # what a Belgian spreadsheet opens by default
    writer.writerow([_("Period"), _("Function"), _("Figure"), _("Number"), _("Definition")])
    period = _period_text(report)
    writer.writerow(
        [
            period,
            _("All functions"),
            _("Different people (all functions)"),
            exported(report.unique_people, people=True),
            _("People counted in any function, each once (by a pseudonymous key)."),
        ]
    )
    for section in report.sections:
        for figure in section.figures:
            value = exported(figure.value, people=figure.people)
            if isinstance(value, float):
                value = f"{value:.1f}".replace(".", ",")
            writer.writerow(
                [
                    period,
                    csv_safe(section.title),
                    csv_safe(figure.label),
                    value,
                    csv_safe(figure.definition),
                ]
            )
    return output.getvalue()
