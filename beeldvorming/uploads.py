"""Checks an uploaded campaign material by its content, not by the name someone gave it.

A file is accepted only when its first bytes (or, for slides, the inside of its zip) show one of
the allowed kinds AND its extension belongs to that kind: a PNG renamed to .pdf is refused too.
"""

import zipfile
from pathlib import Path
from typing import IO

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import CampaignMaterial

MAX_MATERIAL_SIZE = 10 * 1024 * 1024

Kind = CampaignMaterial.FileKind

EXTENSIONS: dict[str, set[str]] = {
    Kind.PDF: {".pdf"},
    Kind.PNG: {".png"},
    Kind.JPEG: {".jpg", ".jpeg"},
    Kind.PPTX: {".pptx"},
    Kind.PPT: {".ppt"},
    Kind.ODP: {".odp"},
}
CONTENT_TYPES: dict[str, str] = {
    Kind.PDF: "application/pdf",
    Kind.PNG: "image/png",
    Kind.JPEG: "image/jpeg",
    Kind.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    Kind.PPT: "application/vnd.ms-powerpoint",
    Kind.ODP: "application/vnd.oasis.opendocument.presentation",
}
ALLOWED_EXTENSIONS = sorted(ext for exts in EXTENSIONS.values() for ext in exts)

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODP_MIMETYPE = b"application/vnd.oasis.opendocument.presentation"


def _zip_kind(file: IO[bytes]) -> str | None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" in names and any(n.startswith("ppt/") for n in names):
                return Kind.PPTX
            info = archive.getinfo("mimetype") if "mimetype" in names else None
            # Read only a tiny, known entry: never unpack what a stranger sent.
            if (
                info is not None
                and info.file_size < 100
                and archive.read(info).strip() == _ODP_MIMETYPE
            ):
                return Kind.ODP
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    return None


def detect_kind(file: IO[bytes]) -> str | None:
    """The kind of file its content shows, or None when it is none of the allowed kinds."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    kind: str | None = None
    if head.startswith(b"%PDF-"):
        kind = Kind.PDF
    elif head.startswith(b"\x89PNG\r\n\x1a\n") and head[12:16] == b"IHDR":
        kind = Kind.PNG
    elif head.startswith(b"\xff\xd8\xff"):
        kind = Kind.JPEG
    elif head.startswith(_OLE2):
        kind = Kind.PPT
    elif head.startswith(b"PK\x03\x04"):
        kind = _zip_kind(file)
    file.seek(0)
    return kind


def validate_material(file) -> str:
    """Raise a clear ValidationError, or return the file's kind."""
    extension = Path(file.name or "").suffix.lower()
    allowed = ", ".join(ALLOWED_EXTENSIONS)
    if file.size > MAX_MATERIAL_SIZE:
        raise ValidationError(
            _("This file is too big (%(size)s). The limit is %(limit)s."),
            code="too_big",
            params={
                "size": filesizeformat(file.size),
                "limit": filesizeformat(MAX_MATERIAL_SIZE),
            },
        )
    if file.size == 0:
        raise ValidationError(_("This file is empty."), code="empty")
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("We cannot accept this kind of file. Allowed: %(allowed)s."),
            code="wrong_type",
            params={"allowed": allowed},
        )
    kind = detect_kind(file)
    if kind is None or extension not in EXTENSIONS[kind]:
        raise ValidationError(
            _(
                "The content of this file does not match its name %(extension)s. "
                "Save it again as a real PDF, PNG, JPEG or presentation and try again."
            ),
            code="content_mismatch",
            params={"extension": extension},
        )
    return kind
