"""The benchmark (issue 12): every main page against the bare framework, in one run.

    bench/run                 seed a scratch database at full scale, then measure the pages
    bench/run --scale 0.1     a smaller house (quicker, for trying the script)
    bench/run --reuse         measure again on the scratch database of the previous run
    bench/run --sweep         the reminder sweep against Django's own send_messages
    bench/run --sms-sweep     2,000 SMS reminders through the outbox against the bare send

It starts the production configuration (gunicorn with 2 workers, DEBUG off) on the scratch
database `huis_bench`, measures with wrk (Debian's package) a warm-up and then three runs per page,
and reports the median requests per second, p50 and p99 latency and the ratio to the bare endpoint
(/bench/bare: the same Django process through the whole middleware stack). The table and the
machine's description go to docs/benchmarks.md. A benchmark, not a test: absolute numbers on a
shared machine are noise; the ratios from one run are what count.
"""

import argparse
import os
import platform
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
# Overridable, so two worktrees on one machine can measure without sharing a database or port.
DB_NAME = os.environ.get("BENCH_DB", "huis_bench")
PG = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
RUNS = 3


def environment() -> dict[str, str]:
    env = os.environ.copy()
    for name in list(env):
        if name.startswith(("DJANGO_", "DATABASE_", "TEST_DATABASE")):
            del env[name]
    env.update(
        DATABASE_URL=f"{PG}/{DB_NAME}",
        REDIS_URL=REDIS_URL,
        CACHE_KEY_PREFIX="huis-bench",
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=BASE,
        SECURE_SSL_REDIRECT="false",
        REQUIRE_2FA="false",
        BENCHMARK_ENDPOINT="true",
        RATELIMIT_ENABLE="false",
        EMAIL_URL="dummymail://",
        LOG_LEVEL="WARNING",
    )
    return env


def sh(cmd: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def prepare(env: dict[str, str], *, scale: float, reuse: bool) -> None:
    dev = {**env, "DJANGO_ENV": "development", "DEBUG": "true"}
    if not reuse:
        print(f"Making the scratch database {DB_NAME} ...", flush=True)
        sh(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", DB_NAME], env)
        sh(["createdb", "-h", "127.0.0.1", "-U", "postgres", DB_NAME], env)
        sh([PY, "manage.py", "migrate", "--noinput", "-v", "0"], dev)
        sh([PY, "manage.py", "seed_scale", "--scale", str(scale)], dev)
    sh(
        [PY, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        {**env, "DJANGO_ENV": "production"},
    )
    sh([PY, "manage.py", "compilemessages", "--ignore=.venv", "--ignore=.cache", "-v", "0"], dev)


@dataclass
class Server:
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_server(env: dict[str, str]) -> Server:
    gunicorn = str(ROOT / ".venv" / "bin" / "gunicorn")
    process = subprocess.Popen(
        [
            gunicorn,
            "huis.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        env={**env, "DJANGO_ENV": "production"},
        cwd=ROOT,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(BASE + "/bench/bare", timeout=2)  # noqa: S310 (our server)
            return Server(process)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("gunicorn did not answer on /bench/bare")


def setup_django(env: dict[str, str]) -> None:
    os.environ.update({**env, "DJANGO_ENV": "production"})
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huis.settings")
    import django

    django.setup()


def session_cookie(email: str) -> str:
    """A logged-in session for one of seed_scale's bench people, as the browser would hold it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.cached_db import SessionStore

    from huis.accounts.models import User

    user = User.objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "huis.accounts.authz.CachedModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


@dataclass
class Page:
    name: str
    path: str | None  # None: the function is not built yet
    cookie: str = ""
    lua: str | None = None
    group: str = "public"


def pages() -> tuple[list[Page], dict]:
    from django.middleware.csrf import _get_new_csrf_string
    from django.urls import reverse
    from django.utils import timezone

    from huis.places.models import PlaceOffering
    from ontmoeting.models import Activity

    now = timezone.now()
    future = Activity.objects.filter(status="published", starts_at__gt=now).order_by("starts_at")
    activity = future.filter(
        pk__in=PlaceOffering.objects.filter(capacity__isnull=False).values("holder_id")
    ).first()
    target = (
        future.exclude(pk=activity.pk)
        .filter(pk__in=PlaceOffering.objects.filter(capacity__isnull=False).values("holder_id"))
        .first()
    )
    # The sign-up target gets room for 100: the load fills it and the rest go on the waiting list.
    PlaceOffering.objects.filter(holder_id=target.pk, capacity__isnull=False).update(capacity=100)
    monday = timezone.localdate() - timezone.timedelta(days=timezone.localdate().weekday())
    visitor = session_cookie("bench-visitor@scale.example")
    coordinator = session_cookie("bench-coordinator@scale.example")
    partner = session_cookie("bench-partner@scale.example")
    csrf = _get_new_csrf_string()
    sign_up = reverse("ontmoeting:sign_up", kwargs={"pk": target.pk, "slug": target.slug})
    lua = LUA_SIGN_UP.replace("__CSRF__", csrf)
    optional = optional_pages(coordinator=coordinator, partner=partner)
    return [
        Page("bare endpoint (floor)", "/bench/bare", group="floor"),
        Page("agenda, first page", "/agenda/"),
        Page("agenda, a week", f"/agenda/?week={monday + timezone.timedelta(days=7):%Y-%m-%d}"),
        Page("agenda, search", "/agenda/?q=yoga"),
        Page("activity page", activity.get_absolute_url()),
        *optional["public"],
        Page("sign-up POST (guest)", sign_up, lua=lua, cookie=f"csrftoken={csrf}", group="post"),
        Page("mijn activiteiten", reverse("ontmoeting:mine"), cookie=visitor, group="private"),
        *optional["private"],
    ], {"target": target}


def optional_pages(*, coordinator: str, partner: str) -> dict[str, list[Page]]:
    """Pages of functions that may not be built yet: measured when their URL exists."""
    from django.urls import NoReverseMatch, reverse
    from django.utils.module_loading import autodiscover_modules

    from huis.core.registry import scale_seeders

    autodiscover_modules("scale")
    seeded = {seeder.name for seeder in scale_seeders()}

    def url(name: str, **kwargs) -> str | None:
        # Only measured once the app adds its part to seed_scale: an empty table says nothing.
        if name.split(":")[0] not in seeded:
            return None
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            return None

    return {
        "public": [
            Page("course catalogue", url("herstelacademie:home")),
            Page("course page", url("herstelacademie:home") and course_with_places()),
        ],
        "private": [
            Page(
                "request inbox (coordinator)",
                url("ervaringsdeskundigen:inbox"),
                cookie=coordinator,
                group="private",
            ),
            Page(
                "matching list for a request (coordinator)",
                _matching_url(url),
                cookie=coordinator,
                group="private",
            ),
            Page(
                "planning board, month (coordinator)",
                url("ervaringsdeskundigen:board")
                and url("ervaringsdeskundigen:board") + "?weergave=maand",
                cookie=coordinator,
                group="private",
            ),
            Page(
                "volunteer roster, week (coordinator)",
                url("vrijwilligers:board_week"),
                cookie=coordinator,
                group="private",
            ),
            Page(
                "volunteer roster, month (coordinator)",
                url("vrijwilligers:board_month"),
                cookie=coordinator,
                group="private",
            ),
            Page(
                "outreach overview (coordinator)",
                url("kwartiermaken:overview"),
                cookie=coordinator,
                group="private",
            ),
            Page(
                "outreach overview (partner)",
                url("kwartiermaken:overview"),
                cookie=partner,
                group="private",
            ),
        ],
    }


def course_with_places() -> str | None:
    """A published course still to come that has places (some taken), as a visitor finds it."""
    from django.utils import timezone

    from herstelacademie.models import Course

    course = (
        Course.objects.filter(
            status=Course.Status.PUBLISHED,
            first_session_at__gt=timezone.now(),
            offering__capacity__isnull=False,
            offering__taken__gt=0,
        )
        .order_by("first_session_at", "pk")
        .first()
    )
    return course.get_absolute_url() if course else None


def _matching_url(url) -> str | None:
    """The request page of a future request being worked on: it ranks the whole pool."""
    if url("ervaringsdeskundigen:inbox") is None:
        return None
    from django.utils import timezone

    from ervaringsdeskundigen.models import ExpertRequest

    pk = (
        ExpertRequest.objects.filter(status="in_progress", starts_at__gt=timezone.now())
        .order_by("starts_at")
        .values_list("pk", flat=True)
        .first()
    )
    return url("ervaringsdeskundigen:request_detail", pk=pk) if pk else None


LUA_SIGN_UP = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local counter = 1
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  n = 0
  run = args[1] or "0"
end
function request()
  n = n + 1
  local body = string.format(
    "csrfmiddlewaretoken=__CSRF__&name=Bench&places=1&email=b%s-%d-%d%%40bench.example", run, id, n)
  return wrk.format(nil, nil, nil, body)
end
"""


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def _ms(value: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s|m)$", value)
    if match is None:
        raise ValueError(f"wrk printed a latency this script does not read: {value!r}")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(page: Page, *, seconds: int, label: str) -> Result:
    cmd = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if page.cookie:
        cmd += ["-H", f"Cookie: {page.cookie}"]
    script = None
    if page.lua:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
        script.write(page.lua)
        script.close()
        cmd += ["-s", script.name]
    cmd += [BASE + page.path]
    if page.lua:
        cmd += ["--", label]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    if script:
        os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    try:
        p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
        p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    except (AttributeError, ValueError) as exc:
        raise SystemExit(f"Could not read wrk's output for {page.name}:\n{out}") from exc
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"Socket errors: .*?timeout (\d+)", out)
    failed = (int(errors.group(1)) if errors else 0) + (int(timeouts.group(1)) if timeouts else 0)
    return Result(rps, p50, p99, failed)


# Each run's sign-ups use addresses of their own: with --reuse, a second bench run must not sign
# up the same people again (that is refused, and would be measured as errors).
RUN_ID = secrets.token_hex(4)


def measure(page: Page, *, seconds: int) -> Result:
    wrk(page, seconds=max(seconds // 3, 2), label=f"{RUN_ID}w")  # warm-up: caches, connections
    results = [wrk(page, seconds=seconds, label=f"{RUN_ID}{n}") for n in range(RUNS)]
    median = statistics.median
    return Result(
        rps=median(r.rps for r in results),
        p50_ms=median(r.p50_ms for r in results),
        p99_ms=median(r.p99_ms for r in results),
        errors=sum(r.errors for r in results),
    )


TARGETS = {"floor": None, "public": 0.5, "private": 0.15, "post": 0.15}


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB memory"
    except (OSError, ValueError):
        pass
    pg = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return (
        f"{os.cpu_count()} cores ({cpu}){memory}; {platform.platform()}; Python "
        f"{platform.python_version()}; PostgreSQL {pg}"
    )


def counts() -> str:
    from django.db import connection

    tables = {
        "people": "accounts_user",
        "activities": "ontmoeting_activity",
        "sign-ups": "places_placeclaim",
        "audit entries": "audit_auditentry",
    }
    parts = []
    with connection.cursor() as cursor:
        for label, table in tables.items():
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 (our table names)
            parts.append(f"{cursor.fetchone()[0]:,} {label}")
    return ", ".join(parts)


def check_places(target) -> str:
    from django.db.models import Sum

    from huis.places.models import PlaceClaim, PlaceOffering

    offering = PlaceOffering.objects.get(holder_id=target.pk, capacity__isnull=False)
    confirmed = PlaceClaim.objects.filter(offering=offering, status="confirmed")
    places = confirmed.aggregate(n=Sum("places"))["n"] or 0
    waiting = PlaceClaim.objects.filter(offering=offering, status="waiting").count()
    ok = places == offering.taken and places <= offering.capacity
    return (
        f"sign-up target after the load: {places} confirmed places of {offering.capacity}, "
        f"'taken' = {offering.taken}, {waiting:,} on the waiting list: "
        + ("exact, no overbooking" if ok else "MISMATCH")
    )


def report(rows: list[tuple[Page, Result | None]], floor: Result, *, note: str) -> str:
    lines = [
        "| page | group | requests/s | p50 ms | p99 ms | ratio to bare | target | met |",
        "|---|---|---:|---:|---:|---:|---:|---|",
    ]
    for page, result in rows:
        target = TARGETS[page.group]
        if result is None:
            lines.append(
                f"| {page.name} | {page.group} | – | – | – | – | {target} | not built yet |"
            )
            continue
        ratio = result.rps / floor.rps
        met = "–" if target is None else ("yes" if ratio >= target else "**no**")
        if result.errors:
            met += f" ({result.errors} non-2xx/3xx)"
        lines.append(
            f"| {page.name} | {page.group} | {result.rps:,.0f} | {result.p50_ms:.1f} | "
            f"{result.p99_ms:.1f} | {ratio:.2f} | {target or '–'} | {met} |"
        )
    return "\n".join(lines) + "\n\n" + note + "\n"


def write_doc(section: str, body: str) -> None:
    doc = ROOT / "docs" / "benchmarks.md"
    text = doc.read_text() if doc.exists() else "# Benchmarks\n\nWritten by `bench/run`.\n"
    marker = f"<!-- {section} -->"
    block = f"{marker}\n{body}{marker}\n"
    if marker in text:
        text = re.sub(re.escape(marker) + ".*?" + re.escape(marker) + "\n", block, text, flags=re.S)
    else:
        text += "\n" + block
    doc.write_text(text)


def run_pages(args) -> None:
    env = environment()
    prepare(env, scale=args.scale, reuse=args.reuse)
    if args.seed_only:
        print(f"The scratch database {DB_NAME} is ready; measure with --reuse.")
        return
    setup_django(env)
    server = start_server(env)
    try:
        listed, extra = pages()
        rows: list[tuple[Page, Result | None]] = []
        floors: list[Result] = []
        middle = len(listed) // 2
        for index, page in enumerate(listed):
            if page.path is None:
                rows.append((page, None))
                continue
            print(f"  {page.name} ...", flush=True)
            result = measure(page, seconds=args.seconds)
            if page.group == "floor":
                floors.append(result)
            rows.append((page, result))
            if index == middle:  # the floor again halfway: a shared machine's load drifts
                print("  bare endpoint (floor), again ...", flush=True)
                floors.append(measure(listed[0], seconds=args.seconds))
        print("  bare endpoint (floor), last ...", flush=True)
        floors.append(measure(listed[0], seconds=args.seconds))
    finally:
        server.stop()
    # The floor is the median of its three measurements (start, middle, end of the run).
    floor = sorted(floors, key=lambda r: r.rps)[len(floors) // 2]
    if floor.rps <= 0:
        raise SystemExit("The bare endpoint answered nothing: is gunicorn running? See above.")
    rows[0] = (rows[0][0], floor)
    note = check_places(extra["target"])
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = (
        f"## Pages ({stamp}, scale {args.scale})\n\nMachine: {machine()}.\n"
        f"Data: {counts()}.\n"
        f"Production configuration: gunicorn, 2 sync workers, DEBUG off; wrk with 2 threads and 8 "
        f"connections, a warm-up, then the median of {RUNS} runs of {args.seconds} s per page; the "
        f"floor is the median of the bare endpoint measured at the start, middle and end.\n\n"
        + report(rows, floor, note=note)
    )
    print(body)
    write_doc("pages", body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--reuse", action="store_true", help="Keep the scratch database.")
    parser.add_argument(
        "--seed-only", action="store_true", help="Only make the scratch database (then --reuse)."
    )
    parser.add_argument("--seconds", type=int, default=8, help="Length of each measured run.")
    parser.add_argument("--sweep", action="store_true", help="Measure the reminder sweep.")
    parser.add_argument("--messages", type=int, default=10_000, help="Reminders in the sweep.")
    parser.add_argument(
        "--sms-sweep", action="store_true", help="Measure the text-message sweep (fake Twilio)."
    )
    parser.add_argument("--sms-messages", type=int, default=2_000, help="SMS in that sweep.")
    args = parser.parse_args()
    if args.sms_sweep:
        from sms_sweep import run_sms_sweep

        run_sms_sweep(
            args,
            environment=environment,
            setup_django=setup_django,
            write_doc=write_doc,
            machine=machine,
        )
        return
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install wrk (bench/run does it).")
    if args.sweep:
        from sweep import run_sweep

        run_sweep(
            args,
            environment=environment,
            setup_django=setup_django,
            write_doc=write_doc,
            machine=machine,
        )
    else:
        run_pages(args)


if __name__ == "__main__":
    main()
