"""A local fake of Twilio's Programmable Messaging REST API, as its public documentation
describes it, in a thread of the test process.

- `POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded To, Body, From or
  MessagingServiceSid, StatusCallback (https://www.twilio.com/docs/messaging/api/message-resource).
- HTTP basic auth with the Account SID and Auth Token; a wrong one gets 401, error 20003.
- Errors as Twilio answers them, JSON {code, message, more_info, status}: 21211 (invalid To),
  21604 (To missing), 21602 (Body missing), 21610 (the number replied STOP), 20500 for a 5xx.
- A created message answers 201 with the message resource (sid "SM" + 32 hex, status "queued").
- Delivery reports and incoming messages (the webhooks Twilio sends to the portal) are built
  here with X-Twilio-Signature computed the documented way (HMAC-SHA1 under the Auth Token of the
  URL and the sorted parameters, base64) and I-Twilio-Idempotency-Token.
"""

import base64
import json
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from twilio.request_validator import RequestValidator

ACCOUNT_SID = "AC" + "0" * 30 + "42"
AUTH_TOKEN = "fake-twilio-auth-token-0123456789"


@dataclass
class SentMessage:
    sid: str
    to: str
    body: str
    sender: str
    status_callback: str


@dataclass
class FakeTwilio:
    port: int = 0
    messages: list[SentMessage] = field(default_factory=list)
    requests: int = 0
    # The next n requests fail with a 500; numbers that replied STOP get 21610.
    fail_next: int = 0
    unsubscribed: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # Seconds each request takes (a real provider answers in tens of milliseconds), and the most
    # requests that were in progress at one moment.
    latency: float = 0.0
    in_flight: int = 0
    most_in_flight: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def to(self, phone: str) -> list[SentMessage]:
        return [m for m in self.messages if m.to == phone]

    # --- What Twilio sends to the portal ------------------------------------------------------

    def signed(self, url: str, params: dict, *, token: str = AUTH_TOKEN) -> dict:
        """Headers of a webhook request to `url` with these POST parameters."""
        signature = RequestValidator(token).compute_signature(url, params)
        return {
            "HTTP_X_TWILIO_SIGNATURE": signature,
            "HTTP_I_TWILIO_IDEMPOTENCY_TOKEN": uuid.uuid4().hex,
        }

    def status_report(self, message: SentMessage, status: str, error_code: str = "") -> dict:
        params = {
            "AccountSid": ACCOUNT_SID,
            "MessageSid": message.sid,
            "SmsSid": message.sid,
            "MessageStatus": status,
            "SmsStatus": status,
            "To": message.to,
            "From": message.sender,
            "ApiVersion": "2010-04-01",
        }
        if error_code:
            params["ErrorCode"] = error_code
        return params

    def incoming(self, phone: str, body: str) -> dict:
        params = {
            "AccountSid": ACCOUNT_SID,
            "MessageSid": "SM" + uuid.uuid4().hex,
            "From": phone,
            "To": "+32460000000",
            "Body": body,
            "NumMedia": "0",
        }
        if body.strip().upper() in {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"}:
            params["OptOutType"] = "STOP"  # Advanced Opt-Out says it outright
            self.unsubscribed.add(phone)
        return params


def _error(status: int, code: int, message: str) -> tuple[int, dict]:
    return status, {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


class _Handler(BaseHTTPRequestHandler):
    fake: FakeTwilio

    def log_message(self, *args) -> None:  # quiet
        pass

    def _answer(self, status: int, payload: dict) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        fake = self.fake
        with fake.lock:
            fake.in_flight += 1
            fake.most_in_flight = max(fake.most_in_flight, fake.in_flight)
        try:
            length = int(self.headers.get("Content-Length") or 0)
            form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
            if fake.latency:
                time.sleep(fake.latency)
            status, payload = self._create(form)
            self._answer(status, payload)
        finally:
            with fake.lock:
                fake.in_flight -= 1

    def _create(self, form: dict) -> tuple[int, dict]:
        fake = self.fake
        with fake.lock:
            fake.requests += 1
            expected = f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages.json"
            if self.path != expected:
                return _error(404, 20404, "The requested resource was not found")
            auth = self.headers.get("Authorization", "")
            credentials = base64.b64encode(f"{ACCOUNT_SID}:{AUTH_TOKEN}".encode()).decode()
            if auth != f"Basic {credentials}":
                return _error(401, 20003, "Authenticate")
            if fake.fail_next:
                fake.fail_next -= 1
                return _error(500, 20500, "Internal Server Error")
            to = form.get("To", "")
            if not to:
                return _error(400, 21604, "A 'To' phone number is required.")
            if not (to.startswith("+") and to[1:].isdigit() and 8 <= len(to) <= 16):
                return _error(400, 21211, f"Invalid 'To' Phone Number: {to}")
            if not form.get("Body"):
                return _error(400, 21602, "Message body is required.")
            if not (form.get("From") or form.get("MessagingServiceSid")):
                return _error(400, 21603, "A 'From' or 'MessagingServiceSid' is required.")
            if to in fake.unsubscribed:
                return _error(400, 21610, "Attempt to send to unsubscribed recipient")
            sid = "SM" + uuid.uuid4().hex
            sender = form.get("From") or form["MessagingServiceSid"]
            fake.messages.append(
                SentMessage(
                    sid=sid,
                    to=to,
                    body=form["Body"],
                    sender=sender,
                    status_callback=form.get("StatusCallback", ""),
                )
            )
        return 201, {
            "account_sid": ACCOUNT_SID,
            "api_version": "2010-04-01",
            "body": form["Body"],
            "direction": "outbound-api",
            "from": form.get("From"),
            "messaging_service_sid": form.get("MessagingServiceSid"),
            "num_segments": "1",
            "sid": sid,
            "status": "queued",
            "to": to,
            "uri": f"/2010-04-01/Accounts/{ACCOUNT_SID}/Messages/{sid}.json",
        }


def start(port: int = 0) -> tuple[FakeTwilio, ThreadingHTTPServer]:
    fake = FakeTwilio()
    handler = type("Handler", (_Handler,), {"fake": fake})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    fake.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake, server


def _counts(fake: FakeTwilio) -> dict[str, int]:
    """Messages taken per reference (the ?ref= of their StatusCallback, or the body's first
    word for messages without one)."""
    counts: dict[str, int] = {}
    for message in fake.messages:
        ref = parse_qs(message.status_callback.partition("?")[2]).get("ref", [""])[0]
        counts[ref] = counts.get(ref, 0) + 1
    return counts


def serve_forever(port: int) -> None:
    """As its own process (the benchmark): GET /__counts answers the counts as JSON."""

    def do_GET(self) -> None:
        with self.fake.lock:
            self._answer(200, _counts(self.fake))

    fake = FakeTwilio()
    handler = type("Handler", (_Handler,), {"fake": fake, "do_GET": do_GET})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    fake.port = port
    server.serve_forever()


if __name__ == "__main__":
    import sys

    serve_forever(int(sys.argv[1]))
