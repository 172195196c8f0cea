"""Error tracking is optional and never receives personal data."""

import os
import subprocess
import sys
from pathlib import Path

import sentry_sdk

from huis.core import sentry

ROOT = Path(__file__).resolve().parents[2]
EMAIL = "vera.vlindermans@example.org"


def _event() -> dict:
    return {
        "message": f"Could not send to {EMAIL}",
        "request": {
            "url": "https://huis.example/agenda/1-x/inschrijven/",
            "method": "POST",
            "data": {"name": "Vera Vlindermans", "email": EMAIL},
            "cookies": {"sessionid": "secret"},
            "query_string": f"email={EMAIL}",
            "env": {"REMOTE_ADDR": "203.0.113.77"},
            "headers": {
                "Cookie": "sessionid=secret",
                "X-Forwarded-For": "203.0.113.77",
                "User-Agent": "Mozilla/5.0",
                "X-Request-ID": "abc12345",
            },
        },
        "user": {"id": 42, "email": EMAIL, "ip_address": "203.0.113.77", "username": "vera"},
        "server_name": "web-1",
        "exception": {
            "values": [
                {
                    "type": "SMTPRecipientsRefused",
                    "value": f"{{'{EMAIL}': (550, b'unknown')}}",
                    "stacktrace": {"frames": [{"function": "send", "vars": {"to": EMAIL}}]},
                }
            ]
        },
        "breadcrumbs": {"values": [{"message": f"SELECT … WHERE email = '{EMAIL}'"}]},
    }


def test_scrub_event_keeps_what_helps_and_drops_the_person():
    event = sentry.scrub_event(_event(), {})
    text = repr(event)
    assert EMAIL not in text and "203.0.113.77" not in text and "Vlindermans" not in text
    assert "secret" not in text and "Mozilla" not in text
    assert event["user"] == {"id": 42}
    assert event["request"]["headers"] == {"X-Request-ID": "abc12345"}
    assert event["request"]["url"].endswith("/inschrijven/")
    assert event["exception"]["values"][0]["type"] == "SMTPRecipientsRefused"
    assert event["message"] == "Could not send to [email]"


def test_init_turns_personal_data_off():
    try:
        sentry.init(dsn="https://public@sentry.invalid/1", environment="test")
        options = sentry_sdk.get_client().options
        assert not options["send_default_pii"]
        assert options["data_collection"]["user_info"] is False
        assert options["data_collection"]["http_bodies"] == []
        assert options["include_local_variables"] is False
        assert options["before_send"] is sentry.scrub_event
        assert options["environment"] == "test"
    finally:
        sentry_sdk.init()  # no DSN: a client that sends nothing


def _sentry_active(**env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k != "SENTRY_DSN"} | env
    code = "import django, sentry_sdk; django.setup(); print(sentry_sdk.get_client().is_active())"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "huis.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_sentry_is_on_only_when_a_dsn_is_set():
    assert _sentry_active() == "False"
    assert _sentry_active(SENTRY_DSN="https://public@sentry.invalid/1") == "True"
