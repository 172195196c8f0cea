"""Keyset cursors for long lists: where the previous page ended, as text for the address.

A list ordered by (moment or day, pk) descending pages with `WHERE (key, pk) < cursor` instead of
OFFSET and COUNT, so the hundredth page costs what the first does. A cursor someone edited by hand
is simply ignored (the first page), never an error.
"""

import datetime as dt


def make_cursor(key: dt.datetime | dt.date, pk: int) -> str:
    if isinstance(key, dt.datetime):
        return f"{key.timestamp():.6f}_{pk}"
    return f"{key.isoformat()}_{pk}"


def parse_cursor(value: str) -> tuple[dt.datetime, int] | None:
    """A moment cursor (`<unix seconds>_<pk>`), or None for anything else."""
    try:
        stamp, pk = value.split("_", 1)
        return dt.datetime.fromtimestamp(float(stamp), tz=dt.UTC), _pk(pk)
    except (ValueError, OverflowError, OSError):
        return None


def parse_day_cursor(value: str) -> tuple[dt.date, int] | None:
    """A day cursor (`<YYYY-MM-DD>_<pk>`), or None for anything else."""
    try:
        day, pk = value.split("_", 1)
        return dt.date.fromisoformat(day), _pk(pk)
    except ValueError:
        return None


def _pk(raw: str) -> int:
    pk = int(raw)
    if not 0 < pk < 2**63:
        raise ValueError(raw)
    return pk
