"""How long a text message is in the units phones count: GSM-7 characters (160 in one message;
the characters of the extension table count twice), or UCS-2 (70) as soon as one character is
outside GSM-7 (an ê, a curly apostrophe, an emoji). The SMS templates are held to one message."""

import unicodedata

BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
EXTENSION = "^{}\\[~]|€\f"
_BASIC = frozenset(BASIC)
_EXTENSION = frozenset(EXTENSION)


def is_gsm7(text: str) -> bool:
    return all(char in _BASIC or char in _EXTENSION for char in text)


def length(text: str) -> tuple[int, int]:
    """(units used, units in one message): GSM-7 (n, 160) or UCS-2 (n, 70)."""
    if is_gsm7(text):
        return sum(2 if char in _EXTENSION else 1 for char in text), 160
    # UCS-2 counts UTF-16 code units: a character outside the BMP (an emoji) takes two.
    return len(text.encode("utf-16-le")) // 2, 70


def fits_one_message(text: str) -> bool:
    used, limit = length(text)
    return used <= limit


# Characters people and translations use that GSM-7 lacks, and what a phone shows instead. One
# ê would otherwise turn the whole message into UCS-2 and halve its length (Twilio's "smart
# encoding" does the same on its side; here the templates' test can count on it).
_REPLACEMENTS = {
    "’": "'",
    "‘": "'",
    "‚": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "«": '"',
    "»": '"',
    "–": "-",
    "—": "-",
    "…": "...",
    "\u00a0": " ",  # no-break space (French punctuation)
    "\u202f": " ",  # narrow no-break space (French times: 10 h 30)
    "\u2009": " ",
    "ç": "c",
    "•": "-",
    "·": ".",  # inclusive writing: inscrit·e
}


def to_gsm7(text: str) -> str:
    """The text with every character GSM-7 lacks replaced by its nearest GSM-7 form (accents
    dropped: ê -> e, ï -> i), where there is one; others (an emoji) are kept."""
    if is_gsm7(text):
        return text
    out = []
    for char in text:
        if char in _BASIC or char in _EXTENSION:
            out.append(char)
        elif char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
        else:
            plain = "".join(c for c in unicodedata.normalize("NFKD", char) if c.isascii())
            out.append(plain if plain and is_gsm7(plain) else char)
    return "".join(out)
