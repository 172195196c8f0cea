"""Where the portal runs: development, test or production, read from the environment."""

import os
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

ENVIRONMENT = env.str("DJANGO_ENV", default="development")
if ENVIRONMENT not in {"development", "test", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be development, test or production.")
PRODUCTION = ENVIRONMENT == "production"
TESTING = ENVIRONMENT == "test"

DEBUG = env.bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

if PRODUCTION:
    try:
        SECRET_KEY = env.str("SECRET_KEY")
    except ImproperlyConfigured as exc:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production refuses to start without one: "
            'generate one with `python -c "import secrets; print(secrets.token_urlsafe(50))"`.'
        ) from exc
    if len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters long.")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="development-only-not-secret-" + "x" * 40)


# Tests use their own Redis database: they never touch a running portal's cache or queue.
REDIS_URL = env.str("REDIS_URL", default=f"redis://127.0.0.1:6379/{1 if TESTING else 0}")


def _redis_url_for_test_worker(url: str, worker: str) -> str:
    """The suite runs in parallel test processes (pytest-xdist: gw0, gw1, ...). As each gets its own
    test database, each gets its own Redis database: the given one plus the worker's number
    (`redis://host:6379/1` → `/2` for gw1; a `?db=` of a socket URL likewise)."""
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    path = parts.path.strip("/")
    in_query = parts.scheme == "unix" or "db" in query
    try:
        current = int(query.get("db", ["0"])[0] if in_query else (path or 0))
    except ValueError as exc:
        raise ImproperlyConfigured(f"No Redis database number in {url!r}.") from exc
    number = current + int(worker.removeprefix("gw"))
    if number > 15:
        raise ImproperlyConfigured(f"Test worker {worker} would need Redis database {number}.")
    if in_query:
        query["db"] = [str(number)]
        return url.split("?", 1)[0] + "?" + urlencode(query, doseq=True)
    return urlunsplit(parts._replace(path=f"/{number}"))


# Once per test process: the processes a test starts (workers, gunicorn) inherit the result. The
# broker and the cache follow REDIS_URL unless set apart; set apart, they move along with it.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "") if TESTING else ""
if _worker and os.environ.get("REDIS_URL_WORKER") != _worker:
    REDIS_URL = _redis_url_for_test_worker(REDIS_URL, _worker)
    os.environ["REDIS_URL"] = REDIS_URL
    for _name in ("CELERY_BROKER_URL", "CACHE_URL"):
        if os.environ.get(_name):
            os.environ[_name] = _redis_url_for_test_worker(os.environ[_name], _worker)
    os.environ["REDIS_URL_WORKER"] = _worker


# The house's time zone: dates and times are Brussels time everywhere.
TIME_ZONE = "Europe/Brussels"
