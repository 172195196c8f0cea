"""CSV cells that are safe to open in a spreadsheet.

Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula;
every export of the portal passes its text cells through `csv_safe`.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """Prefix risky text with a quote so it stays plain text; other values pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
