"""Small helpers shared by the pages."""

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def refuse(request: HttpRequest, message: str, *, back: str, status: int = 400) -> HttpResponse:
    """A change that could not be made: say why, with a way back. Nothing was saved."""
    messages.error(request, message)
    return render(request, "ervaringsdeskundigen/refused.html", {"back": back}, status=status)


def parse_cursor(value: str) -> tuple[dt.datetime, int] | None:
    try:
        stamp, pk = value.split("_", 1)
        return dt.datetime.fromtimestamp(float(stamp), tz=dt.UTC), int(pk)
    except (ValueError, OverflowError, OSError):
        return None


def make_cursor(moment: dt.datetime, pk: int) -> str:
    return f"{moment.timestamp():.6f}_{pk}"
