"""Production settings chosen by environment variables: uploads on disk or in S3, static files with
hashed names, JSON logs. Each case starts a fresh interpreter, as a real process would."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "p" * 20 + "-a-long-and-random-enough-production-key-" + "q" * 20,
    "ALLOWED_HOSTS": "huis.example",
}
PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
options = settings.STORAGES["default"].get("OPTIONS", {})
print(json.dumps({
    "media": type(storages["default"]).__name__,
    "static": type(storages["staticfiles"]).__name__,
    "acl": options.get("default_acl"),
    "signed": options.get("querystring_auth"),
    "bucket": options.get("bucket_name"),
    "endpoint": options.get("endpoint_url"),
    "formatter": settings.LOGGING["formatters"]["default"]["()"],
    "access_log": settings.HUIS_ACCESS_LOG,
}))
"""


def _probe(**env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if not k.startswith(("S3_", "MEDIA_", "SECRET"))
    }
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**environment, "DJANGO_SETTINGS_MODULE": "huis.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_defaults_local_disk_hashed_static_and_json_logs():
    result = _probe(**PRODUCTION)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["media"] == "FileSystemStorage"
    assert values["static"] == "CompressedManifestStaticFilesStorage"
    assert values["formatter"] == "huis.core.logs.JsonFormatter"
    assert values["access_log"] is True


def test_s3_compatible_storage_is_private_and_signed():
    result = _probe(
        **PRODUCTION,
        MEDIA_STORAGE="s3",
        S3_BUCKET="huis-media",
        S3_ENDPOINT_URL="https://s3.example.be",
        S3_ACCESS_KEY_ID="key",
        S3_SECRET_ACCESS_KEY="secret",
    )
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["media"] == "S3Storage"
    assert values["acl"] == "private" and values["signed"] is True
    assert values["bucket"] == "huis-media" and values["endpoint"] == "https://s3.example.be"


def test_s3_without_a_bucket_or_an_unknown_storage_refuses_to_start():
    assert "S3_BUCKET" in _probe(**PRODUCTION, MEDIA_STORAGE="s3").stderr
    result = _probe(**PRODUCTION, MEDIA_STORAGE="ftp")
    assert result.returncode != 0 and "MEDIA_STORAGE must be local or s3" in result.stderr


def test_development_keeps_readable_lines():
    result = _probe(DJANGO_ENV="development")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["formatter"] == "huis.core.logs.TextFormatter"
    assert values["static"] == "StaticFilesStorage"


def test_gunicorn_reads_its_settings_from_the_environment(monkeypatch):
    import runpy

    for name in ("GUNICORN_BIND", "PORT", "GUNICORN_CONTROL_SOCKET", "LOG_FORMAT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "4")
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert config["bind"] == "127.0.0.1:8000"  # behind nginx, never open to the world by default
    assert config["workers"] == 3
    assert config["worker_class"] == "gthread" and config["threads"] == 4
    assert config["accesslog"] is None  # Django logs requests, without addresses
    assert config["control_socket_disable"] is True
    formatter = config["logconfig_dict"]["formatters"]["default"]["()"]
    assert formatter == "huis.core.logs.JsonFormatter"


def test_gunicorn_forks_its_workers_from_the_loaded_application(monkeypatch):
    import runpy

    monkeypatch.delenv("GUNICORN_MAX_REQUESTS", raising=False)
    monkeypatch.delenv("GUNICORN_MAX_REQUESTS_JITTER", raising=False)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    # Loaded once in the master (issue #30); replaced workers are spread over 1,000-1,500 requests.
    assert config["preload_app"] is True
    assert config["max_requests"] == 1000 and config["max_requests_jitter"] == 500
    assert callable(config["when_ready"]) and callable(config["pre_fork"])
