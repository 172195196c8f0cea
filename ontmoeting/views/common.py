"""Small helpers shared by the public and the staff pages."""

import datetime as dt

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def refuse(request: HttpRequest, message: str, *, back: str, status: int = 400) -> HttpResponse:
    """A change that could not be made: say why, in plain words, with a way back. Nothing was
    saved (services run in one transaction)."""
    messages.error(request, message)
    return render(request, "ontmoeting/refused.html", {"back": back}, status=status)


def parse_cursor(value: str) -> tuple[dt.datetime, int] | None:
    """`<unix seconds with fraction>_<pk>`: where the previous page ended."""
    try:
        stamp, pk = value.split("_", 1)
        return dt.datetime.fromtimestamp(float(stamp), tz=dt.UTC), int(pk)
    except (ValueError, OverflowError, OSError):
        return None


def make_cursor(moment: dt.datetime, pk: int) -> str:
    return f"{moment.timestamp():.6f}_{pk}"


def local_now() -> dt.datetime:
    return timezone.localtime()
