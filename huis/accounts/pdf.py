"""The data download as files a person can open: a short readable PDF (WeasyPrint), every long
list in full as a CSV file beside it, and the whole export as JSON, together in one ZIP.

Why short: WeasyPrint lays out every table cell; hundreds of records as tables took half a minute
(issue #20). The PDF shows each kind of record in one compact table of at most `PDF_ROWS` rows
and names the CSV file that holds the whole list, so it is made in well under a second.

Nothing is fetched while rendering: no base URL, and a URL fetcher that refuses everything, so
text a person typed can never make the server load a file or another host.
"""

import csv
import io
import json
import re
import zipfile
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from huis.core.csv import csv_safe
from huis.core.pdf import PDF_VARIANT

# Rows of one list shown in the PDF; the CSV file beside it holds them all.
PDF_ROWS = 15


class _NoFetching(Exception):
    pass


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict:
    raise _NoFetching(url)


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def _text(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value) or "–"
    if isinstance(value, dict):
        return "; ".join(f"{_label(k)}: {_text(v)}" for k, v in value.items())
    return str(value)


def _is_records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def csv_name(section: str, kind: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", f"{section}-{kind}".lower()).strip("-") + ".csv"


def _columns(records: list[dict]) -> list[str]:
    columns: list[str] = []
    for record in records:
        columns.extend(key for key in record if key not in columns)
    return columns


def _blocks(section: str, data: dict) -> list[dict]:
    """Each kind of record as a titled block: a short list of records, or one record's fields."""
    blocks = []
    for kind, value in data.items():
        block: dict[str, Any] = {
            "title": _label(kind),
            "fields": [],
            "rows": [],
            "total": 0,
            "file": "",
            "empty": False,
        }
        if isinstance(value, dict):
            block["fields"] = [(_label(k), _text(v)) for k, v in value.items()]
        elif _is_records(value):
            columns = _columns(value)
            block["rows"] = [
                [(_label(c), _text(row[c])) for c in columns if c in row]
                for row in value[:PDF_ROWS]
            ]
            block["total"] = len(value)
            block["file"] = csv_name(section, kind)
        elif isinstance(value, list) and not value:
            block["empty"] = True
        else:
            block["fields"] = [("", _text(value))]
        blocks.append(block)
    return blocks


def export_pdf(export: dict) -> bytes:
    from weasyprint import HTML

    sections = [
        {"label": section["label"], "blocks": _blocks(name, section["data"])}
        for name, section in export["sections"].items()
    ]
    html = render_to_string(
        "accounts/privacy/export_pdf.html",
        {"export": export, "sections": sections, "pdf_rows": PDF_ROWS},
    )
    return HTML(string=html, base_url=None, url_fetcher=_refuse).write_pdf(pdf_variant=PDF_VARIANT)


def export_csv_files(export: dict) -> dict[str, str]:
    """Every list of records as one CSV file (cells safe to open in a spreadsheet)."""
    files = {}
    for name, section in export["sections"].items():
        for kind, value in section["data"].items():
            if not _is_records(value):
                continue
            columns = _columns(value)
            out = io.StringIO()
            writer = csv.writer(out)
            writer.writerow([_label(c) for c in columns])
            for row in value:
                writer.writerow([csv_safe(_text(row.get(c))) for c in columns])
            files[csv_name(name, kind)] = out.getvalue()
    return files


def export_archive(export: dict, *, folder: str) -> bytes:
    """One ZIP: the PDF to read, the CSV files with every list, the JSON for a computer."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{folder}/{pgettext('file name', 'overview')}.pdf", export_pdf(export))
        for name, text in export_csv_files(export).items():
            # With a byte order mark: spreadsheet programs then read the accents right.
            archive.writestr(f"{folder}/{name}", "\ufeff" + text)
        archive.writestr(
            f"{folder}/{pgettext('file name', 'data')}.json",
            json.dumps(export, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        )
    return buffer.getvalue()
