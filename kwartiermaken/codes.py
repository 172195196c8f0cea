"""Pseudonymous contact codes: how a worker recognises a person again without writing a name.

A code is short, made of letters, digits and dashes, and holds at least one digit (BR-17, K12).
A word of letters only is refused: it is most likely a name, and names never go in this field.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_CODES = 10
MAX_LENGTH = 16
_SEPARATORS = re.compile(r"[\s,;]+")
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9-]*$")


def parse_contact_codes(raw: str | list[str] | None) -> list[str]:
    """Split, normalise (upper case) and check the codes; a clear ValidationError otherwise."""
    if raw is None:
        return []
    parts = raw if isinstance(raw, list) else _SEPARATORS.split(raw)
    codes: list[str] = []
    for part in parts:
        code = part.strip().upper()
        if not code:
            continue
        if not any(char.isdigit() for char in code):
            raise ValidationError(
                _(
                    "“%(code)s” looks like a name. Never write a name here. "
                    "Use a code with a number in it, for example BR-17."
                ),
                code="looks_like_a_name",
                params={"code": part.strip()},
            )
        if len(code) > MAX_LENGTH or not _CODE.match(code):
            raise ValidationError(
                _(
                    "“%(code)s” is not a contact code. A code has only letters, numbers "
                    "and dashes, at most 16 characters, for example BR-17."
                ),
                code="invalid",
                params={"code": part.strip()[:40]},
            )
        if code not in codes:
            codes.append(code)
    if len(codes) > MAX_CODES:
        raise ValidationError(
            _("At most %(max)s contact codes per entry."),
            code="too_many",
            params={"max": MAX_CODES},
        )
    return codes
