"""The scratch database, the two gunicorn servers (the portal and the plain reference) and wrk."""

import os
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
# Overridable, so two worktrees on one machine can measure without sharing a database or port.
DB_NAME = os.environ.get("BENCH_DB", "huis_bench")
PG = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
PLAIN_PORT = int(os.environ.get("BENCH_PLAIN_PORT", str(PORT + 1)))
BASE = f"http://127.0.0.1:{PORT}"
PLAIN_BASE = f"http://127.0.0.1:{PLAIN_PORT}"
RUNS = 3


def database(scale: float) -> str:
    """One scratch database per scale, so `--reuse` keeps both."""
    return f"{DB_NAME}_{str(float(scale)).replace('.', '_')}"


def environment(scale: float = 1.0) -> dict[str, str]:
    env = os.environ.copy()
    for name in list(env):
        if name.startswith(("DJANGO_", "DATABASE_", "TEST_DATABASE", "GUNICORN_")):
            del env[name]
    env.update(
        DATABASE_URL=f"{PG}/{database(scale)}",
        REDIS_URL=REDIS_URL,
        # One prefix per scale: both scales share the Redis database, and a value or page kept
        # while the small house was measured must never be served to the full one.
        CACHE_KEY_PREFIX=f"huis-bench-{database(scale)}",
        SECRET_KEY=env.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=BASE,
        SECURE_SSL_REDIRECT="false",
        REQUIRE_2FA="false",
        BENCHMARK_ENDPOINT="true",
        RATELIMIT_ENABLE="false",
        EMAIL_URL="dummymail://",
        WEB_CONCURRENCY="2",
    )
    return env


def sh(cmd: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, cwd=ROOT, check=True, **kwargs)


def prepare(env: dict[str, str], *, scale: float, reuse: bool) -> None:
    dev = {**env, "DJANGO_ENV": "development", "DEBUG": "true"}
    name = database(scale)
    if not reuse:
        print(f"Making the scratch database {name} (scale {scale}) ...", flush=True)
        sh(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], env)
        sh(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], env)
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


def _start(args: list[str], env: dict[str, str], base: str, workers: int) -> Server:
    """The shipped gunicorn.conf.py (preloaded, recycled workers), `workers` sync workers."""
    process = subprocess.Popen(
        [GUNICORN, "-c", "gunicorn.conf.py", "--workers", str(workers), *args], env=env, cwd=ROOT
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/bench/bare", timeout=2)  # noqa: S310 (our server)
            return Server(process)
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"gunicorn did not answer on {base}/bench/bare")


def start_portal(env: dict[str, str], *, workers: int = 2) -> Server:
    env = {**env, "DJANGO_ENV": "production", "GUNICORN_BIND": f"127.0.0.1:{PORT}"}
    return _start(["huis.wsgi"], env, BASE, workers)


def start_plain(env: dict[str, str], *, workers: int = 2) -> Server:
    """The plain startproject reference (bench/plain), under the same gunicorn settings."""
    env = {
        "PATH": env["PATH"],
        "HOME": env.get("HOME", "/tmp"),  # noqa: S108
        "SECRET_KEY": env["SECRET_KEY"],
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "plainsite.settings",
        "GUNICORN_BIND": f"127.0.0.1:{PLAIN_PORT}",
    }
    return _start(["--pythonpath", "bench/plain", "plainsite.wsgi"], env, PLAIN_BASE, workers)


def setup_django(env: dict[str, str]) -> None:
    os.environ.update({**env, "DJANGO_ENV": "production"})
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huis.settings")
    import django

    django.setup()


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int

    def as_dict(self) -> dict:
        return asdict(self)


def _ms(value: str) -> float:
    match = re.match(r"([\d.]+)(us|ms|s|m)$", value)
    if match is None:
        raise ValueError(f"wrk printed a latency this script does not read: {value!r}")
    number, unit = match.groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def wrk(url: str, *, seconds: int, label: str, cookie: str = "", lua: str | None = None) -> Result:
    cmd = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if cookie:
        cmd += ["-H", f"Cookie: {cookie}"]
    script = None
    if lua:
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)  # noqa: SIM115
        script.write(lua)
        script.close()
        cmd += ["-s", script.name]
    cmd += [url]
    if lua:
        cmd += ["--", label]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    if script:
        os.unlink(script.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    try:
        p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
        p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    except (AttributeError, ValueError) as exc:
        raise SystemExit(f"Could not read wrk's output for {url}:\n{out}") from exc
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"Socket errors: .*?timeout (\d+)", out)
    failed = (int(errors.group(1)) if errors else 0) + (int(timeouts.group(1)) if timeouts else 0)
    return Result(rps, p50, p99, failed)


# Each run's sign-ups use addresses of their own: with --reuse, a second bench run must not sign
# up the same people again (that is refused, and would be measured as errors).
RUN_ID = secrets.token_hex(4)


def measure(url: str, *, seconds: int, cookie: str = "", lua: str | None = None) -> Result:
    """A warm-up (caches, connections), then the median of RUNS runs."""
    wrk(url, seconds=max(seconds // 3, 2), label=f"{RUN_ID}w", cookie=cookie, lua=lua)
    results = [
        wrk(url, seconds=seconds, label=f"{RUN_ID}{n}", cookie=cookie, lua=lua) for n in range(RUNS)
    ]
    median = statistics.median
    return Result(
        rps=median(r.rps for r in results),
        p50_ms=median(r.p50_ms for r in results),
        p99_ms=median(r.p99_ms for r in results),
        errors=sum(r.errors for r in results),
    )
