"""The home page, languages, security headers and health."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_is_dutch_and_gives_each_audience_its_way_in(client):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert response["Content-Language"] == "nl"
    html = response.text
    assert '<html lang="nl">' in html
    assert "Welkom" in html
    for url_name in [
        "ontmoeting:home",
        "herstelacademie:home",
        "ervaringsdeskundigen:home",
        "kwartiermaken:home",
    ]:
        assert f'href="{reverse(url_name)}"' in html


def test_switching_to_french_shows_french_and_is_remembered(client):
    response = client.post(reverse("core:set_language"), {"language": "fr", "next": "/"})
    assert response.status_code == 302
    home = client.get(reverse("core:home"))
    assert '<html lang="fr">' in home.text
    assert "Bienvenue" in home.text


def test_english_is_available(client):
    client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    assert "Welcome" in client.get(reverse("core:home")).text


def test_language_switch_refuses_foreign_redirects(client):
    response = client.post(
        reverse("core:set_language"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_logged_in_person_sees_their_own_language(client, visitor):
    visitor.preferred_language = "fr"
    visitor.save()
    client.force_login(visitor)
    assert '<html lang="fr">' in client.get(reverse("core:home")).text


def test_switching_language_while_logged_in_updates_the_profile(client, visitor):
    client.force_login(visitor)
    client.post(reverse("core:set_language"), {"language": "en", "next": "/"})
    visitor.refresh_from_db()
    assert visitor.preferred_language == "en"


@pytest.mark.parametrize("url_name", ["core:home", "account_login", "account_signup"])
def test_security_headers(client, url_name):
    response = client.get(reverse(url_name))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_pages_with_personal_data_are_not_stored_by_caches(client, visitor):
    client.force_login(visitor)
    response = client.get(reverse("accounts:profile"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_pages_load_nothing_from_other_hosts(client):
    html = client.get(reverse("core:home")).text
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == []
    assert "<script>" not in html


def test_healthz_reports_database_and_redis(client):
    # The worker and beat heartbeats are tested in tests/production/test_health.py.
    response = client.get("/healthz?only=database,redis")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


@pytest.mark.allow_logged_errors
def test_healthz_says_503_when_redis_is_down(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["redis"] == "down"


def test_unknown_page_is_a_calm_404_in_dutch(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "We vinden deze pagina niet" in response.text


def test_unknown_template_variables_in_our_templates_fail_the_tests():
    from django.template import Context, Template

    with pytest.raises(pytest.fail.Exception, match="Undefined template variable"):
        Template("{{ nobody_defined_this }}").render(Context({}))
