"""Log lines for production: one JSON object per line, with the request id, and without personal
data. The code logs ids, never names or addresses; as a second line of defence every line is
scrubbed of email addresses and IP addresses (exception texts from mail servers and the database
quote them), and Django's `request` attribute, which carries the path and the client, is dropped.
"""

import datetime as dt
import functools
import json
import logging
import re

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from . import request_id

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.])")
IPV6 = re.compile(
    r"(?<![\w:])(?:"
    r"(?:[0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}"
    r"|(?:[0-9a-fA-F]{1,4}:){1,7}:(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?"
    r"|::(?:[0-9a-fA-F]{1,4}(?::[0-9a-fA-F]{1,4})*)?"
    r")(?![\w:])"
)
# No line shows the file, line or function that logged it (the logger's name says where), so
# logging need not walk the stack for every record: the logging HOWTO's "Optimization" section.
logging._srcfile = None

# The request log's lines (huis.core.middleware) hold a method, a URL pattern from the code and a
# status, never a path or an address: they skip the scrubbing every other line gets.
CLEAN_LOGGERS = frozenset({"huis.request"})

# Attributes Django and others attach to records that hold a person's request or address.
_DROPPED = ("request", "client", "remote_addr", "email")


def scrub(text: str) -> str:
    """Take email and IP addresses out of a text."""
    text = EMAIL.sub("[email]", text)
    text = IPV4.sub("[ip]", text)
    return IPV6.sub("[ip]", text)


class RequestIdFilter(logging.Filter):
    """Adds the current request id (or task's) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            # Django logs 4xx and 5xx responses after the middleware is done; its record carries
            # the request, which carries the id.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", "") or request_id.get()
        return True


class PersonalDataFilter(logging.Filter):
    """Scrubs the message (arguments included) and drops attributes that carry a person."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name in CLEAN_LOGGERS:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not lose the line
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        for name in _DROPPED:
            if name in record.__dict__:
                delattr(record, name)
        return True


# The request log's fields (huis.core.middleware), in the order python-json-logger writes them.
ACCESS_FIELDS = ("method", "route", "view", "status", "duration_ms")


class JsonFormatter(_JsonFormatter):
    """python-json-logger's formatter, with exception texts scrubbed too. The request log's own
    line (one per request) is written directly: the same keys in the same order and the same
    values (tests/production/test_logs.py compares the two), at a fifth of the cost; its
    generic path was a tenth of a bare request's work (issue #30)."""

    def format(self, record: logging.LogRecord) -> str:
        if (
            record.name in CLEAN_LOGGERS
            and record.exc_info is None
            and record.stack_info is None
            and self._access_line
        ):
            fields = record.__dict__
            line = {
                "level": record.levelname,
                "logger": record.name,
                "message": record.getMessage(),
                "request_id": fields.get("request_id"),
            }
            for name in ACCESS_FIELDS:
                if name in fields:
                    line[name] = fields[name]
            line["time"] = dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat()
            return json.dumps(line)
        return super().format(record)

    @functools.cached_property
    def _access_line(self) -> bool:
        # Only for the configuration settings.py makes (huis.core.logs.logging_config).
        return (
            self._required_fields == ["levelname", "name", "message", "request_id"]
            and self.rename_fields == {"levelname": "level", "name": "logger"}
            and self.timestamp == "time"
            and self.json_ensure_ascii
            and not self.static_fields
            and self.prefix == ""
        )

    def formatException(self, ei) -> str:
        return scrub(super().formatException(ei))

    def formatStack(self, stack_info: str) -> str:
        return scrub(super().formatStack(stack_info))


class TextFormatter(logging.Formatter):
    """The development format: readable, with the request id, scrubbed like the JSON lines."""

    def formatException(self, ei) -> str:
        return scrub(super().formatException(ei))


def logging_config(*, level: str, json: bool) -> dict:
    """The LOGGING dict for settings: JSON lines in production, plain lines in development."""
    formatter = (
        {
            "()": "huis.core.logs.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            # ISO 8601 in UTC: lines from several machines sort together.
            "timestamp": "time",
        }
        if json
        else {
            "()": "huis.core.logs.TextFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        }
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "huis.core.logs.RequestIdFilter"},
            "personal_data": {"()": "huis.core.logs.PersonalDataFilter"},
        },
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_id", "personal_data"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own lines go to the same scrubbed handler, and only there: its default
            # error emails to ADMINS carry the request with a person's data (use SENTRY_DSN).
            "django": {"level": level, "handlers": [], "propagate": True},
            "django.db.backends": {"level": "INFO"},
            # Gunicorn's own lines go through the same handler (see gunicorn.conf.py).
            "gunicorn.error": {"level": level, "handlers": [], "propagate": True},
        },
    }
