"""Production log lines: JSON, one per line, with the request id, and no personal data."""

import io
import json
import logging
import logging.config

import pytest
from django.urls import reverse

from huis.core import request_id
from huis.core.logs import logging_config, scrub
from tests.factories import ActivityFactory

pytestmark = pytest.mark.django_db

NAME = "Vera Vlindermans"
EMAIL = "vera.vlindermans@example.org"
CLIENT_IP = "203.0.113.77"


@pytest.fixture
def json_logs(settings):
    """The production LOGGING, writing to a buffer; the test's own handlers are put back after."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    stream = io.StringIO()
    config = logging_config(level="INFO", json=True)
    config["handlers"]["console"]["stream"] = stream
    logging.config.dictConfig(config)
    root.handlers.extend(h for h in saved_handlers if h not in root.handlers)
    settings.HUIS_ACCESS_LOG = True
    yield stream
    for handler in root.handlers[:]:
        if handler not in saved_handlers:
            root.removeHandler(handler)
    root.setLevel(saved_level)


def _lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


def test_a_guest_sign_up_logs_json_lines_with_the_request_id_and_nothing_personal(
    client, json_logs
):
    activity = ActivityFactory(title="Schilderatelier")
    response = client.post(
        reverse("ontmoeting:sign_up", args=[activity.pk, activity.slug]),
        {"name": NAME, "email": EMAIL},
        REMOTE_ADDR=CLIENT_IP,
        HTTP_X_FORWARDED_FOR=CLIENT_IP,
    )
    assert response.status_code == 302
    page = client.get(response.url, REMOTE_ADDR=CLIENT_IP)
    assert page.status_code == 200
    # A failure that quotes a person, as a mail server or the database would.
    logging.getLogger("huis.notifications.services").warning(
        "Notification %s failed: %s", 7, f"550 <{EMAIL}> unknown, from {CLIENT_IP} and ::1"
    )

    lines = _lines(json_logs)
    raw = json_logs.getvalue()
    assert NAME not in raw and "Vlindermans" not in raw
    assert EMAIL not in raw and "example.org" not in raw
    assert CLIENT_IP not in raw and "::1" not in raw
    # The path itself is not logged either (it may carry a signed link): the route pattern is.
    assert page.wsgi_request.path not in raw

    requests = [line for line in lines if line["logger"] == "huis.request"]
    assert [r["status"] for r in requests] == [302, 200]
    assert requests[0]["route"] == "agenda/<int:pk>-<slug:slug>/inschrijven/"
    # A guest lands on "you are signed up, your link is in your mail" (the same page whether or not
    # the address was signed up already), not on the page of the private link itself.
    assert requests[1]["route"] == "agenda/<int:pk>-<slug:slug>/ingeschreven/"
    assert requests[0]["request_id"] == response["X-Request-ID"]
    assert requests[1]["request_id"] == page["X-Request-ID"] != response["X-Request-ID"]
    assert {"time", "level", "message", "duration_ms"} <= set(requests[0])
    assert requests[0]["time"].endswith("+00:00")
    failure = next(line for line in lines if line["logger"] == "huis.notifications.services")
    assert failure["message"] == "Notification 7 failed: 550 <[email]> unknown, from [ip] and [ip]"


def test_routine_health_checks_are_not_logged_but_failures_are(client, json_logs, settings):
    client.get("/healthz?only=database")
    assert not [line for line in _lines(json_logs) if line["logger"] == "huis.request"]
    client.get("/healthz?only=worker")  # no worker in this test: 503
    statuses = [line["status"] for line in _lines(json_logs) if line["logger"] == "huis.request"]
    assert statuses == [503]


def test_djangos_own_lines_lose_the_request_they_carry(client, json_logs):
    response = client.get("/bestaat-niet/?email=" + EMAIL, REMOTE_ADDR=CLIENT_IP)
    raw = json_logs.getvalue()
    not_found = [line for line in _lines(json_logs) if line["logger"] == "django.request"]
    assert not_found and "request" not in not_found[0]
    assert not_found[0]["request_id"] == response["X-Request-ID"]
    assert EMAIL not in raw and CLIENT_IP not in raw


def test_exception_texts_are_scrubbed(json_logs):
    try:
        raise ValueError(f'duplicate key value (email)=({EMAIL}) from "{CLIENT_IP}"')
    except ValueError:
        logging.getLogger("huis.test").warning("Could not save", exc_info=True)
    line = _lines(json_logs)[-1]
    assert "ValueError" in line["exc_info"]
    assert EMAIL not in line["exc_info"] and CLIENT_IP not in line["exc_info"]


def test_a_proxys_request_id_is_kept_and_a_strange_one_replaced(client):
    response = client.get("/", HTTP_X_REQUEST_ID="f3a1c2d4-proxy-0001")
    assert response["X-Request-ID"] == "f3a1c2d4-proxy-0001"
    response = client.get("/", HTTP_X_REQUEST_ID=f"<script>{EMAIL}</script>")
    assert len(response["X-Request-ID"]) == 32 and EMAIL not in response["X-Request-ID"]
    assert request_id.get() == ""  # nothing leaks into what runs after the request


def test_a_task_queued_during_a_request_carries_its_id():
    from celery import signals

    headers: dict = {}
    token = request_id.set_current("req-1234abcd")
    try:
        signals.before_task_publish.send(sender="notifications.send", headers=headers, body=None)
    finally:
        request_id.reset(token)
    assert headers["huis_request_id"] == "req-1234abcd"

    class Task:
        request = type("Request", (), {"huis_request_id": "req-1234abcd", "headers": None})()

    task = Task()
    signals.task_prerun.send(sender=task, task=task, task_id="1")
    assert request_id.get() == "req-1234abcd"
    signals.task_postrun.send(sender=task, task=task, task_id="1")
    assert request_id.get() == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail to a.b+c@huis.example.be now", "mail to [email] now"),
        ("from 10.0.0.12:5432", "from [ip]:5432"),
        ("peer 2001:db8::8a2e:370:7334 left", "peer [ip] left"),
        ("at 2026-11-23T10:45:12.123 version 6.1.3", "at 2026-11-23T10:45:12.123 version 6.1.3"),
        ("notification 1234 for registration 12", "notification 1234 for registration 12"),
    ],
)
def test_scrub(text, expected):
    assert scrub(text) == expected


def test_a_masked_url_is_not_mistaken_for_an_address():
    assert (
        scrub("Connected to redis://:**@10.0.0.5:6379/5") == "Connected to redis://:**@[ip]:6379/5"
    )


@pytest.mark.allow_logged_errors
def test_errors_are_not_emailed_with_the_request_in_them(json_logs, settings, mailoutbox):
    settings.ADMINS = [("Beheer", "beheer@huis.example")]
    django_logger = logging.getLogger("django")
    assert not any(type(h).__name__ == "AdminEmailHandler" for h in django_logger.handlers)
    logging.getLogger("django.request").error("Internal Server Error: /agenda/")
    assert mailoutbox == []
    assert "Internal Server Error" in json_logs.getvalue()


def test_the_request_line_is_written_exactly_as_python_json_logger_writes_it(client, settings):
    """The request log's line takes a shorter path (huis.core.logs.JsonFormatter.format): for
    real requests (a page, a 404 without a route) it must be the library's line, key for key."""
    from huis.core.logs import JsonFormatter, RequestIdFilter

    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    settings.HUIS_ACCESS_LOG = True
    keep = Keep()
    keep.addFilter(RequestIdFilter())
    logger = logging.getLogger("huis.request")
    logger.addHandler(keep)
    try:
        assert client.get(reverse("core:home")).status_code == 200
        assert client.get("/bestaat-niet/").status_code == 404
    finally:
        logger.removeHandler(keep)
    options = dict(logging_config(level="INFO", json=True)["formatters"]["default"])
    options.pop("()")
    formatter = JsonFormatter(**options)
    assert len(records) == 2 and formatter._access_line
    for record in records:
        short = formatter.format(record)
        assert short == super(JsonFormatter, formatter).format(record)
        assert list(json.loads(short)) == [
            "level",
            "logger",
            "message",
            "request_id",
            "method",
            "route",
            "view",
            "status",
            "duration_ms",
            "time",
        ]
