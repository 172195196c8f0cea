"""Security headers on every page: CSP without inline script, nosniff, referrer policy,
frame-ancestors, no-store on pages with personal data; HSTS in production mode.

`assert_headers` is applied to every page the crawl in test_crawl.py visits, as every role.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def _csp(response) -> dict[str, str]:
    header = response.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        if part.strip():
            name, _, value = part.strip().partition(" ")
            directives[name] = value
    return directives


def assert_headers(response, *, logged_in: bool, where: str = "") -> None:
    csp = _csp(response)
    assert "default-src" in csp and "'self'" in csp["default-src"], where
    script_src = csp.get("script-src", "")
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, where
    assert csp.get("frame-ancestors") == "'none'", where
    assert csp.get("object-src") == "'none'", where
    assert response.get("X-Content-Type-Options") == "nosniff", where
    assert response.get("Referrer-Policy") == "same-origin", where
    assert response.get("X-Frame-Options") == "DENY", where
    if logged_in:
        cache_control = response.get("Cache-Control", "")
        assert "no-store" in cache_control and "private" in cache_control, where


@pytest.mark.django_db
def test_headers_on_public_and_private_pages(client, visitor):
    for name in ("core:home", "core:privacy", "ontmoeting:home", "verhalen:list"):
        assert_headers(client.get(reverse(name)), logged_in=False, where=name)
    client.force_login(visitor)
    for name in ("core:home", "accounts:profile", "accounts:my_data", "ontmoeting:mine"):
        assert_headers(client.get(reverse(name)), logged_in=True, where=name)
    # The data download's file: tests/accounts/test_data_export.py (no-store there too).


@pytest.mark.django_db
def test_error_pages_carry_the_headers_too(client):
    response = client.get("/does-not-exist/")
    assert response.status_code == 404
    assert_headers(response, logged_in=False, where="404")


def test_hsts_and_https_in_production_mode():
    script = (
        "import json; from django.test import Client;"
        "c = Client(HTTP_HOST='huis.example');"
        "secure = c.get('/healthz', secure=True);"
        "plain = c.get('/agenda/');"
        "print(json.dumps({'hsts': secure.get('Strict-Transport-Security', ''),"
        " 'plain': plain.status_code, 'location': plain.get('Location', '')}))"
    )
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environment.update(
        DJANGO_ENV="production",
        SECRET_KEY="s" * 30 + "-production-secret-" + "k" * 20,
        ALLOWED_HOSTS="huis.example",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert "max-age=31536000" in found["hsts"] and "includeSubDomains" in found["hsts"]
    assert found["plain"] == 301 and found["location"].startswith("https://huis.example/")
