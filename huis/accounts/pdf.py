"""The data download as a readable PDF (WeasyPrint), made from the same export as the JSON.

Nothing is fetched while rendering: no base URL, and a URL fetcher that refuses everything, so
text a person typed can never make the server load a file or another host.
"""

from typing import Any

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from huis.core.pdf import PDF_VARIANT


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


def _blocks(data: dict) -> list[dict]:
    """Each kind of record as a titled block: a table of records, or one record's fields."""
    blocks = []
    for kind, value in data.items():
        block: dict[str, Any] = {"title": _label(kind), "fields": [], "records": [], "empty": False}
        if isinstance(value, dict):
            block["fields"] = [(_label(k), _text(v)) for k, v in value.items()]
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            block["records"] = [[(_label(k), _text(v)) for k, v in row.items()] for row in value]
        elif isinstance(value, list) and not value:
            block["empty"] = True
        else:
            block["fields"] = [("", _text(value))]
        blocks.append(block)
    return blocks


def export_pdf(export: dict) -> bytes:
    from weasyprint import HTML

    sections = [
        {"label": section["label"], "blocks": _blocks(section["data"])}
        for section in export["sections"].values()
    ]
    html = render_to_string(
        "accounts/privacy/export_pdf.html", {"export": export, "sections": sections}
    )
    return HTML(string=html, base_url=None, url_fetcher=_refuse).write_pdf(pdf_variant=PDF_VARIANT)
