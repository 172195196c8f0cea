"""What every PDF the portal hands out must be: tagged (PDF/UA-1), with its language and title."""

import io

from pypdf import PdfReader


def assert_tagged_pdf(content: bytes, *, lang: str | None = "nl") -> None:
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog, "not a tagged PDF: a screen reader cannot follow it"
    assert catalog.get("/MarkInfo", {}).get("/Marked"), "the PDF does not say it is tagged"
    language = str(catalog.get("/Lang", ""))
    assert language[:2] in ({lang} if lang else {"nl", "fr", "en"}), language
    assert (reader.metadata or {}).get("/Title"), "a tagged PDF needs a title"
