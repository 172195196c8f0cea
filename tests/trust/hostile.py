"""A corpus of hostile input, and the checks every output must pass."""

import re

LONG = "A" * 100_000

CORPUS = [
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "{{ request.user.email }}{% debug %}",
    '=HYPERLINK("http://evil.example","klik")',
    "=1+2",
    "+31 6 1234",
    "-2+3",
    "@SUM(A1:A9)",
    "\tcmd",
    "'; DROP TABLE accounts_user; --",
    LONG,
    "\u202egnp.exe",  # right-to-left override
    "Ve\u200bra\u200d\ufeff",  # zero-width characters
    "e\u0301\u0301\u0301\u0301\u0301",  # combining marks
    "𝕍𝕖𝕣𝕒 🏠",
    "nul\x00byte",
    "line\r\nBcc: victim@example.com",
    "../../etc/passwd",
    "%00%0d%0a",
    "",
    " ",
    "1e309",
    "-1",
    "99999999999999999999999",
    "[]",
    "{}",
]

SCRIPT_MARKERS = ["<script>alert", "<svg/onload", "<img src=x"]


def assert_no_injected_markup(text: str) -> None:
    """The hostile markup must never appear unescaped in an HTML, XML or ICS document."""
    for marker in SCRIPT_MARKERS:
        assert marker not in text, marker


def assert_scripts_are_ours(html: str) -> None:
    """Every script element loads from our own static files or carries the CSP nonce."""
    for tag in re.findall(r"<script\b[^>]*>", html, re.IGNORECASE):
        assert 'src="/static/' in tag or "nonce=" in tag, tag


def assert_csv_cells_neutralised(csv_text: str) -> None:
    import csv
    import io

    for row in csv.reader(io.StringIO(csv_text), delimiter=_delimiter(csv_text)):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def _delimiter(text: str) -> str:
    first = text.splitlines()[0] if text else ""
    return ";" if first.count(";") > first.count(",") else ","
