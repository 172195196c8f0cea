"""A local stand-in for publiq's Entry API v3 and its token endpoint, started by the tests.

Every request body is validated against publiq's own JSON schemas (vendored in
uitdatabank/schemas/, from cultuurnet/apidocs) with the `jsonschema` library; an invalid body gets
the 400 problem+json publiq documents, and is remembered so a test can fail on it. It answers the
way the guides describe: 201 with an id on create, the event on GET, DELETE as workflowStatus
DELETED, 401 for a missing or expired token. Faults are scripted per test (`fail_next`).
"""

import json
import re
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).resolve().parents[2] / "uitdatabank" / "schemas"
BASE = "https://schemas.invalid/models/"


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text())
        resources.append((BASE + path.name, Resource.from_contents(contents, DRAFT202012)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": BASE + name}, registry=REGISTRY)


# The body schema of each endpoint, as reference/entry.json names it. Creating is checked against
# event.json, the current branch of event-post.json's anyOf (not the deprecated one).
VALIDATORS = {
    ("POST", "event"): validator("event.json"),
    ("PUT", "event"): validator("event-with-write-example.json"),
    ("PUT", "status"): validator("event-status.json"),
    ("PATCH", "sub-events"): validator("event-subEvent-patch.json"),
    ("PUT", "booking-availability"): validator("event-bookingAvailability.json"),
    ("PUT", "workflow-status"): validator("event-workflowStatus-put.json"),
    ("POST", "place"): validator("place.json"),
    # POST /organizers: organizer.json, the current branch of the body's anyOf.
    ("POST", "organizer"): validator("organizer.json"),
}
EVENT_PATH = re.compile(r"^/events/(?P<id>[0-9a-f-]{36})(?:/(?P<sub>[a-z-]+))?$")


class FakeEntryApi:
    def __init__(self, *, client_id="house", client_secret="secret", token_lifetime=3600):
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_lifetime = token_lifetime
        self.events: dict[str, dict] = {}
        self.places: dict[str, dict] = {}  # UiTdatabank's places: id -> body
        self.organizers: dict[str, dict] = {}  # UiTdatabank's organizers: id -> body
        self.tokens: dict[str, float] = {}  # token -> expires at (monotonic)
        self.requests: list[tuple[str, str, object]] = []
        self.token_requests = 0
        self.invalid: list[tuple[str, str, list[str]]] = []
        self.fail_next: list[tuple[str, str, int, dict]] = []  # method, path prefix, status, body
        self.delay = 0.0
        self.lock = threading.Lock()
        self.server = None
        self.thread = None

    # --- life cycle ---------------------------------------------------------------------
    def start(self, ports=range(8850, 8860)) -> "FakeEntryApi":
        handler = _handler(self)
        last_error = None
        for port in ports:
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
                break
            except OSError as error:
                last_error = error
        else:
            raise last_error
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    # --- what tests read --------------------------------------------------------------------
    def api_requests(self, method: str | None = None, contains: str = "") -> list:
        return [
            r
            for r in self.requests
            if (method is None or r[0] == method) and contains in r[1] and r[1] != "/oauth/token"
        ]

    def expire_tokens(self) -> None:
        with self.lock:
            self.tokens.clear()

    # --- answers ------------------------------------------------------------------------------
    def handle(self, method: str, path: str, headers, body):
        with self.lock:
            self.requests.append((method, path, body))
            for index, (m, prefix, status, answer) in enumerate(self.fail_next):
                if m == method and path.startswith(prefix):
                    del self.fail_next[index]
                    return status, answer
        if self.delay:
            time.sleep(self.delay)
        if path == "/oauth/token" and method == "POST":
            return self._token(body)
        if path.startswith("/places/?") and method == "GET":
            return self._search_places(path, headers)
        if path.startswith("/organizers/?") and method == "GET":
            return self._search_organizers(path, headers)
        auth = headers.get("Authorization", "")
        with self.lock:
            expires = self.tokens.get(auth.removeprefix("Bearer "))
        if expires is None or expires < time.monotonic():
            return 401, _problem("https://api.publiq.be/probs/auth/unauthorized", "Unauthorized")
        if path == "/events" and method == "POST":
            return self._create(body)
        if path == "/places" and method == "POST":
            problem = self._invalid("POST", "place", path, body)
            if problem:
                return 400, problem
            place_id = str(uuid.uuid4())
            with self.lock:
                self.places[place_id] = body
            return 201, {
                "id": place_id,
                "placeId": place_id,
                "url": f"{self.url}/places/{place_id}",
            }
        if path == "/organizers" and method == "POST":
            problem = self._invalid("POST", "organizer", path, body)
            if problem:
                return 400, problem
            organizer_id = str(uuid.uuid4())
            with self.lock:
                self.organizers[organizer_id] = body
            return 201, {"id": organizer_id, "url": f"{self.url}/organizers/{organizer_id}"}
        match = EVENT_PATH.match(path)
        if not match:
            return 404, _problem("https://api.publiq.be/probs/url/not-found", "Not Found")
        with self.lock:
            event = self.events.get(match["id"])
        if event is None:
            return 404, _problem("https://api.publiq.be/probs/url/not-found", "Event not found")
        sub = match["sub"]
        if method == "GET" and sub is None:
            return 200, event
        if method == "DELETE" and sub is None:
            event["workflowStatus"] = "DELETED"
            return 204, None
        if event.get("workflowStatus") == "DELETED":
            return 404, _problem("https://api.publiq.be/probs/url/not-found", "Event deleted")
        kind = "event" if sub is None else sub
        problem = self._invalid(method, kind, path, body)
        if problem:
            return 400, problem
        with self.lock:
            if kind == "event":
                keep = {k: event[k] for k in ("@id", "workflowStatus") if k in event}
                event.clear()
                event.update(body, **keep)
            elif kind == "status":
                event["status"] = body
            elif kind == "sub-events":
                for patch in body:
                    event["subEvent"][patch["id"]]["bookingAvailability"] = patch[
                        "bookingAvailability"
                    ]
                types = {
                    "Unavailable"
                    if s["bookingAvailability"].get("remainingCapacity") == 0
                    else s["bookingAvailability"].get("type", "Available")
                    for s in event["subEvent"]
                }
                event["bookingAvailability"] = {
                    "type": "Unavailable" if types == {"Unavailable"} else "Available"
                }
            else:
                return 404, _problem("https://api.publiq.be/probs/url/not-found", "Not Found")
        return (200, {"id": match["id"], "commandId": str(uuid.uuid4())})

    def _search_places(self, path, headers):
        """The Search API's answer to name.\\*:"..." AND address.\\*.postalCode:...; the client
        is identified by its id (X-Client-Id), as publiq's Search API asks."""
        if headers.get("X-Client-Id") != self.client_id:
            return 401, _problem("https://api.publiq.be/probs/auth/unauthorized", "Unauthorized")
        query = parse_qs(urlparse(path).query).get("q", [""])[0]
        name = re.search(r'name\.\\\*:"([^"]*)"', query)
        postal = re.search(r"postalCode:(\S+)", query)
        members = [
            {"@id": f"{self.url}/places/{pid}", "@type": "Place"}
            for pid, place in self.places.items()
            if name
            and postal
            and place["name"]["nl"] == name[1]
            and place["address"]["nl"]["postalCode"] == postal[1]
        ]
        return 200, {"@type": "PagedCollection", "totalItems": len(members), "member": members}

    def _search_organizers(self, path, headers):
        """The Search API's /organizers/?name=...&embed=true: organizers whose name contains it."""
        if headers.get("X-Client-Id") != self.client_id:
            return 401, _problem("https://api.publiq.be/probs/auth/unauthorized", "Unauthorized")
        name = parse_qs(urlparse(path).query).get("name", [""])[0].lower()
        members = [
            {"@id": f"{self.url}/organizers/{oid}", "@type": "Organizer", "name": body["name"]}
            for oid, body in self.organizers.items()
            if name and name in body["name"]["nl"].lower()
        ]
        return 200, {"@type": "PagedCollection", "totalItems": len(members), "member": members}

    def _token(self, body):
        if not isinstance(body, dict) or (
            body.get("client_id"),
            body.get("client_secret"),
            body.get("grant_type"),
        ) != (self.client_id, self.client_secret, "client_credentials"):
            return 401, {"error": "access_denied", "error_description": "Unauthorized"}
        token = uuid.uuid4().hex
        with self.lock:
            self.token_requests += 1
            self.tokens[token] = time.monotonic() + self.token_lifetime
        return 200, {
            "access_token": token,
            "expires_in": self.token_lifetime,
            "token_type": "Bearer",
        }

    def _create(self, body):
        problem = self._invalid("POST", "event", "/events", body)
        if problem:
            return 400, problem
        event_id = str(uuid.uuid4())
        stored = dict(body)
        stored["@id"] = f"{self.url}/events/{event_id}"
        stored.setdefault("workflowStatus", "DRAFT")
        stored.setdefault("bookingAvailability", {"type": "Available"})
        with self.lock:
            self.events[event_id] = stored
        return 201, {
            "id": event_id,
            "eventId": event_id,
            "url": stored["@id"],
            "commandId": str(uuid.uuid4()),
        }

    def _invalid(self, method, kind, path, body):
        check = VALIDATORS.get((method, kind))
        if check is None:
            return None
        errors = sorted(check.iter_errors(body), key=lambda e: list(e.absolute_path))
        if not errors:
            return None
        found = [f"/{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in errors]
        with self.lock:
            self.invalid.append((method, path, found))
        problem = _problem("https://api.publiq.be/probs/body/invalid-data", "Invalid body data")
        problem["schemaErrors"] = [
            {"jsonPointer": f.split(":", 1)[0], "error": f.split(":", 1)[1].strip()}
            for f in found[:5]
        ]
        return problem


def _problem(kind: str, title: str, status: int = 400, detail: str = "") -> dict:
    problem = {"type": kind, "title": title, "status": status}
    if detail:
        problem["detail"] = detail
    return problem


def _handler(api: FakeEntryApi):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):  # quiet
            pass

        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = raw.decode("utf-8", "replace")
            status, answer = api.handle(self.command, self.path, self.headers, body)
            data = b"" if answer is None else json.dumps(answer).encode()
            self.send_response(status)
            kind = "application/problem+json" if status >= 400 else "application/json"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

    return Handler
